import { parseModelCard, type ModelCard } from '@inkling/core';

/** Fetches and checks the model card: labels, input size, preprocessing and the decision rule all come from it. */
export async function loadCard(url: string, fetchFn: typeof fetch = fetch): Promise<ModelCard> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`the model card could not be loaded from ${url} (HTTP ${res.status})`);
  return parseModelCard(await res.json());
}
