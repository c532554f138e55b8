// Measures the Worker with a given model the way the plan limits count it: the bytes wrangler would
// upload, start-up time, in-worker CPU per request, and peak isolate memory. Used by
// check-model-size.mjs (build, deploy) and the benchmark.
//
// - Size: `wrangler deploy --dry-run` (bundle-size.mjs), uncompressed, as the 64 MiB limit counts it.
// - Start-up: src/startup-probe.ts runs the Worker's own start-up inside a request (GET /startup),
//   where workerd's clock advances (it stands still while a script loads): its wall time, and
//   workerd's CPU time over that request.
// - CPU per request: the CPU time workerd's process spends (utime + stime from /proc, Linux) over the
//   requests, divided by their number, less what the same requests cost when the Worker refuses them
//   at once (415: HTTP, wrangler's local proxy, routing), so what is left is the Worker's own work.
//   CPU time stays true when the machine is busy, unlike the in-worker wall time (read + decode +
//   preprocess + infer from Server-Timing, also reported).
//   300 px drawings as PNG; the first request is reported on its own (a streamed model warms up on it).
// - Memory: the isolate's JS heap plus its array buffers (DevTools' Runtime.getHeapUsage through the
//   inspector, sampled every 25 ms while the requests run; the bundled weights are array buffers) plus
//   the WASM backend's linear memory after the requests (it only grows, so it is its peak).
import { readdirSync, readFileSync } from 'node:fs';
import { encode as encodePng } from 'fast-png';
import WebSocket from 'ws';
import { measureBundle } from './bundle-size.mjs';
import { startDevServer } from './dev-server.mjs';
import { drawOX } from '@inkling/core/test-vectors';

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** 300 px O and X drawings as PNG bodies. */
export function drawingPngs() {
  return ['o', 'x'].flatMap((kind) =>
    [11, 12].map((seed) => {
      const img = drawOX(kind, { size: 300, seed });
      const rgb = new Uint8Array((img.data.length / 4) * 3);
      for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) rgb.set(img.data.subarray(i, i + 3), j);
      return { kind, body: encodePng({ width: 300, height: 300, data: rgb, channels: 3, depth: 8 }) };
    }),
  );
}

export function inWorkerMs(serverTiming) {
  let ms = 0;
  for (const part of (serverTiming ?? '').split(',')) {
    const m = /^\s*(read|decode|preprocess|infer);dur=([\d.]+)/.exec(part);
    if (m) ms += Number(m[2]);
  }
  return ms;
}

const TICKS_PER_SECOND = 100; // Linux's USER_HZ, what /proc/<pid>/stat counts in

/** CPU milliseconds (user + system) used so far by the processes of a process group named `name`. */
function groupCpuMs(pgid, name = 'workerd') {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "(comm)": state ppid pgrp session … utime (14th field of the line) stime (15th).
    if (Number(fields[2]) === pgid && comm === name) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** DevTools protocol over the inspector: sample the isolate's heap usage until stopped. */
async function heapSampler(inspectorPort) {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  const usage = () =>
    new Promise((resolve) => {
      const my = ++id;
      pending.set(my, (msg) => resolve(msg.result));
      ws.send(JSON.stringify({ id: my, method: 'Runtime.getHeapUsage' }));
    });
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const u = await usage();
      if (u) peak = Math.max(peak, u.totalSize + (u.backingStorageSize ?? 0));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      ws.close();
      return peak;
    },
  };
}

/**
 * Measures the Worker bundling `modelDir` (default models/ox); see WorkerMeasurement in the .d.mts.
 */
export async function measureWorker({ modelDir, requests = 20, residentBudgetBytes, log = () => {} } = {}) {
  const bundle = measureBundle({ modelDir, name: 'measure-bundle' });
  log(`bundle: ${(bundle.rawBytes / 1024 / 1024).toFixed(2)} MiB uploaded (gzip ${(bundle.gzipBytes / 1024 / 1024).toFixed(2)} MiB)`);
  const vars = residentBudgetBytes ? { INKLING_RESIDENT_BUDGET_BYTES: String(residentBudgetBytes) } : {};
  const server = await startDevServer({ modelDir, port: 0, assets: false, main: 'src/startup-probe.ts', vars, timeoutMs: 300_000 });
  try {
    const startupCpu0 = groupCpuMs(server.pid);
    const startup = await (await fetch(`${server.url}/startup`)).json();
    const startupCpuMs = groupCpuMs(server.pid) - startupCpu0;
    const bodies = drawingPngs();
    let correct = 0;
    const classify = async (item) => {
      const res = await fetch(`${server.url}/classify`, { method: 'POST', body: item.body, headers: { 'Content-Type': 'image/png' } });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`POST /classify answered ${res.status}: ${JSON.stringify(json)}`);
      if (json.label === item.kind) correct++;
      return inWorkerMs(res.headers.get('Server-Timing'));
    };
    // CPU: the first request alone (warm-up of a streamed model), then the rest, without the sampler.
    let cpu0 = groupCpuMs(server.pid);
    const firstRequestMs = await classify(bodies[0]);
    const firstRequestCpuMs = groupCpuMs(server.pid) - cpu0;
    // JIT tier-up and first allocations also run on workerd's threads: let them settle first.
    for (let i = 0; i < 8; i++) await classify(bodies[i % bodies.length]);
    const times = [];
    cpu0 = groupCpuMs(server.pid);
    for (let i = 1; i <= requests; i++) times.push(await classify(bodies[i % bodies.length]));
    const grossCpuMs = (groupCpuMs(server.pid) - cpu0) / requests;
    // workerd's own share (HTTP, wrangler's proxy): the same bodies, refused by the Worker at once (415).
    cpu0 = groupCpuMs(server.pid);
    for (let i = 1; i <= requests; i++) {
      const res = await fetch(`${server.url}/classify`, { method: 'POST', body: bodies[i % bodies.length].body, headers: { 'Content-Type': 'text/plain' } });
      await res.arrayBuffer();
      if (res.status !== 415) throw new Error(`a text/plain body was answered ${res.status}, not 415`);
    }
    const overheadCpuMs = (groupCpuMs(server.pid) - cpu0) / requests;
    const cpuMsPerRequest = Math.max(0, grossCpuMs - overheadCpuMs);
    // Memory: a few more requests while the sampler watches the isolate.
    const sampler = await heapSampler(server.inspectorPort);
    for (let i = 0; i < Math.min(requests, 4); i++) await classify(bodies[i % bodies.length]);
    const jsPeakBytes = await sampler.stop();
    const health = await (await fetch(`${server.url}/health`)).json();
    const wasmHeapBytes = health.memory.wasmHeapBytes ?? 0;
    return {
      uploadBytes: bundle.rawBytes,
      gzipBytes: bundle.gzipBytes,
      startupMs: startup.startupMs,
      startupCpuMs,
      warmUp: startup.warmUp,
      weights: startup.weights,
      backend: health.backend,
      firstRequestMs,
      firstRequestCpuMs,
      cpuMsPerRequest,
      grossCpuMs,
      overheadCpuMs,
      inWorkerMsP50: quantile(times, 0.5),
      inWorkerMsP95: quantile(times, 0.95),
      wasmHeapBytes,
      jsPeakBytes,
      peakMemoryBytes: jsPeakBytes + wasmHeapBytes,
      requests,
      correct,
    };
  } catch (err) {
    throw new Error(`measuring the Worker with ${modelDir ?? 'models/ox'} failed: ${err instanceof Error ? `${err.message}${err.cause ? ` (${err.cause})` : ''}` : String(err)}\nwrangler dev said:\n${server.output().slice(-3000)}`);
  } finally {
    await server.stop();
  }
}
