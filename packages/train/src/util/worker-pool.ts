import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/** What a pool worker answers: the task's id and its result, or the error's message. */
export type PoolReply = { id: number; result: unknown } | { id: number; error: string };

/**
 * A fixed set of worker threads running one script; each task goes to whichever worker is free.
 * Results come back by task id, so what a caller gets does not depend on which worker ran a task.
 */
export class WorkerPool<Task, Result> {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly queue: { id: number; task: Task; transfer?: ArrayBuffer[] }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Map<Worker, number>();
  private nextId = 0;
  private failure?: Error;

  constructor(script: URL, size: number, workerData?: unknown) {
    this.workers = Array.from({ length: size }, () => new Worker(script, { workerData }));
    this.idle = [...this.workers];
    for (const w of this.workers) {
      w.on('message', (reply: PoolReply) => this.settle(w, reply));
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0 && !this.failure) this.fail(new Error(`a worker thread exited with code ${code}`));
      });
    }
  }

  run(task: Task, transfer?: ArrayBuffer[]): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.queue.push({ id, task, transfer });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop() as Worker;
      const { id, task, transfer } = this.queue.shift() as { id: number; task: Task; transfer?: ArrayBuffer[] };
      this.running.set(w, id);
      w.postMessage({ id, task }, transfer ?? []);
    }
  }

  private settle(w: Worker, reply: PoolReply): void {
    this.running.delete(w);
    this.idle.push(w);
    const p = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if ('error' in reply) p?.reject(new Error(reply.error));
    else p?.resolve(reply.result);
    this.dispatch();
  }

  private fail(err: Error): void {
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The worker side: answers each task with `handle`'s result (and the buffers to transfer). */
export function servePool<Task, Result>(port: import('node:worker_threads').MessagePort | null, handle: (task: Task) => Promise<{ result: Result; transfer?: ArrayBuffer[] }>): void {
  port?.on('message', async ({ id, task }: { id: number; task: Task }) => {
    try {
      const { result, transfer } = await handle(task);
      port.postMessage({ id, result } satisfies PoolReply, transfer ?? []);
    } catch (err) {
      port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies PoolReply);
    }
  });
}
