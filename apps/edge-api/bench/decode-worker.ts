// A Worker used only by bench/decode.mjs: decodes the posted image `n` times with core's decoder,
// inside workerd, and answers the milliseconds it took (local workerd's clock advances during CPU
// work, at 1 ms resolution, hence many repetitions per figure).
import { decodeImage } from '@inkling/core/decode';

export default {
  async fetch(request: Request): Promise<Response> {
    const n = Number(new URL(request.url).searchParams.get('n') ?? '1');
    const bytes = new Uint8Array(await request.arrayBuffer());
    decodeImage(bytes); // first call: JIT warm-up, not timed
    const start = Date.now();
    let pixels = 0;
    for (let i = 0; i < n; i++) pixels += decodeImage(bytes).width;
    return Response.json({ ms: Date.now() - start, n, pixels });
  },
};
