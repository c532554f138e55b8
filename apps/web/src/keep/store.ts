// The kept drawings, in this browser's IndexedDB (idb-keyval: one object store, a few hundred bytes).
// Nothing here talks to the network.
import { clear, createStore, keys, set, values } from 'idb-keyval';
import type { KeptDrawing } from './kept.js';

const store = createStore('inkling-kept', 'drawings');

export const keepDrawing = (d: KeptDrawing): Promise<void> => set(d.name, d, store);
export const countKept = async (): Promise<number> => (await keys(store)).length;
export const allKept = (): Promise<KeptDrawing[]> => values<KeptDrawing>(store);
export const deleteAllKept = (): Promise<void> => clear(store);
