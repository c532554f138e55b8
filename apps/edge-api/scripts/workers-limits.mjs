// Cloudflare Workers limits that decide which plan a model needs, as data, with where they come from.
//
// Source: https://developers.cloudflare.com/workers/platform/limits/ ("Account plan limits"), read on
// 2026-12-03 from the stored copy the project's search tool holds (the live web is unreachable from the
// build machine; the copy carries no date of its own). It lists, for Workers Free / Workers Paid:
// CPU time 10 ms / 5 min, Memory 128 MB / 128 MB, Worker size 64 MiB / 64 MiB, Worker startup time
// 1 second / 1 second. These agree with the 2026 figures in issue 17. Dates of the changes, from
// Cloudflare's own records in the same store: start-up raised from 400 ms to 1 s (changelog
// 2025-10-10, "Worker startup time limit increased to 1 second"); CPU up to 5 min on Paid, 30 s unless
// `limits.cpu_ms` in the Wrangler config raises it (changelog 2025-03-25; the limits page's CPU table:
// "5 min (default: 30 seconds)"); the compressed 3 MB (Free) / 10 MB (Paid) size limits replaced by a
// single 64 MiB *uncompressed* limit on all plans (cloudflare-docs PRs #31002 and #31067, May 2026,
// "a single 64 MiB uncompressed limit on all Workers plans"). So size is checked on the bytes wrangler
// uploads (its "Total Upload"), not on their gzip, which is printed for information only.
// Memory is counted conservatively as 128 × 10^6 bytes (the page says "128 MB"), per isolate, WASM
// memory included (Cloudflare's error 1102 page: "a per-isolate limit").

const MiB = 1024 * 1024;

export const LIMITS_SOURCE = {
  url: 'https://developers.cloudflare.com/workers/platform/limits/',
  read: '2026-12-03',
  copy: "stored copy in the search tool's docs corpus (undated); size change: cloudflare-docs #31002/#31067 (May 2026)",
};

/** The plans, cheapest first. */
export const PLANS = [
  { id: 'free', name: 'Workers Free', workerSizeBytes: 64 * MiB, cpuMsPerRequest: 10, memoryBytes: 128e6, startupMs: 1000 },
  {
    id: 'paid',
    name: 'Workers Paid',
    workerSizeBytes: 64 * MiB,
    cpuMsPerRequest: 300_000,
    /** Without `limits.cpu_ms` in wrangler.jsonc a request may use 30 s of CPU. */
    cpuMsDefault: 30_000,
    memoryBytes: 128e6,
    startupMs: 1000,
  },
];

const mib = (bytes) => `${(bytes / MiB).toFixed(2)} MiB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Which limits of a plan a Worker breaks, as sentences (empty: the plan fits). `measured` has
 * uploadBytes (always) and, when the Worker was run, cpuMsPerRequest, peakMemoryBytes and startupMs.
 */
export function planProblems(plan, measured) {
  const problems = [];
  if (measured.uploadBytes > plan.workerSizeBytes) problems.push(`Worker size ${mib(measured.uploadBytes)} is over ${plan.name}'s ${mib(plan.workerSizeBytes)}`);
  if (measured.cpuMsPerRequest !== undefined && measured.cpuMsPerRequest > plan.cpuMsPerRequest) problems.push(`CPU per request ${Math.round(measured.cpuMsPerRequest * 10) / 10} ms is over ${plan.name}'s ${plan.cpuMsPerRequest} ms`);
  if (measured.peakMemoryBytes !== undefined && measured.peakMemoryBytes > plan.memoryBytes) problems.push(`memory ${mb(measured.peakMemoryBytes)} is over ${plan.name}'s ${mb(plan.memoryBytes)}`);
  if (measured.startupMs !== undefined && measured.startupMs > plan.startupMs) problems.push(`start-up ${Math.round(measured.startupMs)} ms is over ${plan.name}'s ${plan.startupMs} ms`);
  return problems;
}

/** The cheapest plan that allows the Worker ({ plan, problems by plan id }), plan null when none does. */
export function planNeeded(measured) {
  const problems = Object.fromEntries(PLANS.map((p) => [p.id, planProblems(p, measured)]));
  return { plan: PLANS.find((p) => problems[p.id].length === 0) ?? null, problems };
}
