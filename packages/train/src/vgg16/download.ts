import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface DownloadProgress {
  bytes: number;
  /** From Content-Length, when the server sends it. */
  total: number | null;
}

export interface DownloadOptions {
  /** Expected MD5 (hex) of the whole file; a mismatch keeps nothing. */
  md5?: string;
  /** Give up when no data arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  onProgress?: (p: DownloadProgress) => void;
}

/** A download that failed, with why (`reason`) in words a person can act on. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot download ${url}: ${reason}`);
  }
}

/** The innermost cause of a fetch failure: undici says only "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function causeOf(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

/**
 * Downloads `url` to `dest` atomically: the bytes go to a temporary file beside it, the MD5 is
 * checked, and only then is it renamed into place, so an interrupted or corrupted download never
 * leaves a file at `dest`. Returns the file's MD5.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<string> {
  const { md5, idleTimeoutMs = 60_000, onProgress } = options;
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.download-${process.pid}-${Date.now()}`;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new Error(`no data for ${idleTimeoutMs >= 1000 ? `${Math.round(idleTimeoutMs / 1000)} s` : `${idleTimeoutMs} ms`}`)), idleTimeoutMs);
  };
  try {
    arm();
    let response: Response;
    try {
      response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
    } catch (err) {
      throw new DownloadError(url, abort.signal.aborted ? causeOf(abort.signal.reason) : causeOf(err));
    }
    if (!response.ok || !response.body) throw new DownloadError(url, `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const hash = createHash('md5');
    const out = createWriteStream(tmp);
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    let bytes = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        hash.update(chunk);
        bytes += chunk.byteLength;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        onProgress?.({ bytes, total });
      }
    } catch (err) {
      out.destroy();
      await closed.catch(() => {});
      throw new DownloadError(url, `the transfer broke off after ${bytes.toLocaleString('en-US')} bytes: ${abort.signal.aborted ? causeOf(abort.signal.reason) : causeOf(err)}`);
    }
    out.end();
    await closed;
    if (total !== null && bytes !== total) throw new DownloadError(url, `got ${bytes.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bytes`);
    const digest = hash.digest('hex');
    if (md5 && digest !== md5.toLowerCase()) {
      throw new DownloadError(url, `checksum mismatch: the file's MD5 is ${digest}, expected ${md5.toLowerCase()} (a corrupted download, or the URL serves another file); nothing was saved`);
    }
    await rename(tmp, dest);
    return digest;
  } finally {
    clearTimeout(timer);
    await rm(tmp, { force: true });
  }
}

/** MD5 (hex) of a file, streamed. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
