export interface DevServerOptions {
  /** A folder with model.json, weights.bin and card.json to bundle instead of models/ox. */
  modelDir?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  inspectorPort?: number;
  /** Serve apps/web/dist too, when it has been built (default true). */
  assets?: boolean;
  /** Another Worker entry than wrangler.jsonc's `main` (relative to apps/edge-api), e.g. src/startup-probe.ts. */
  main?: string;
  /** wrangler vars to add or override for this run. */
  vars?: Record<string, string>;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  readyMs: number;
  servesPage: boolean;
  /** The DevTools inspector's port (wrangler's proxy to the Worker's isolate). */
  inspectorPort: number;
  /** wrangler's process id, which is also its process group's (workerd runs in that group). */
  pid: number;
  /** Ends wrangler and workerd (the whole process group). */
  stop(): Promise<void>;
  output(): string;
}

export function startDevServer(options?: DevServerOptions): Promise<DevServer>;

export function freePort(): Promise<number>;
