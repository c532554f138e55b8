import type { PreprocessResult } from '@inkling/core';

/**
 * Keeps preprocessed model inputs between epochs, up to a byte budget, so later epochs skip decoding.
 * Once full it stops adding (no eviction churn): the first images stay cached, the rest stream.
 */
export class PreprocessedCache {
  private readonly entries = new Map<string, PreprocessResult>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): PreprocessResult | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: PreprocessResult): void {
    const size = value.data.byteLength + 128;
    if (this.entries.has(key) || this.bytes + size > this.maxBytes) return;
    this.entries.set(key, value);
    this.bytes += size;
  }

  /** How many more entries of `bytes` each fit in the budget. */
  room(bytes: number): number {
    return Math.max(0, Math.floor((this.maxBytes - this.bytes) / (bytes + 128)));
  }

  get size(): number {
    return this.entries.size;
  }
}
