import type { ModelCard } from '@inkling/core';

/**
 * The largest model (model.json + weights, as the card's `files.bytes` states) the page downloads to
 * answer by itself when the edge API cannot be reached, and the service worker keeps for offline use.
 * The shipped O/X model is 0.18 MB; a VGG16 export is 15–60 MB, which is no fallback on a phone's data
 * plan or memory: above this the page says the answer needs the network instead.
 */
export const MAX_FALLBACK_MODEL_BYTES = 4 * 1024 * 1024;

export const fitsInBrowser = (card: Pick<ModelCard, 'files'>, limit = MAX_FALLBACK_MODEL_BYTES): boolean => card.files.bytes <= limit;

export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
