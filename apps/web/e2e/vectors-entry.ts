// Bundled by the browser test into one script and run inside the page: core's preprocessing test
// vectors, replayed by Chromium's JavaScript engine.
import { replayTestVectors, type VectorResult } from '@inkling/core/test-vectors';

declare global {
  interface Window {
    inklingVectors?: Promise<VectorResult[]>;
  }
}

window.inklingVectors = replayTestVectors();
