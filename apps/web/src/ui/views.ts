// The answer card, the keep-it box and the card-derived copy: needed only once the model card has
// arrived, so main.ts loads them beside the engine instead of in the page's first script.
export { drawPrompt, shownLabel } from '../model/copy.js';
export { KeepView } from './keep-view.js';
export { ResultView } from './result-view.js';
