import { zValidator } from '@hono/zod-validator';
import type { ClassifyResponse, RawImage } from '@inkling/core';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { readConfig } from '../../config/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { ApiError } from '../../http/errors.js';
import { timed } from '../../middleware/server-timing/index.js';
import type { Classifier } from '../../model/index.js';
import { canvasImageSchema, canvasToRawImage, type PixelLimits } from './canvas-json.js';
import { decodeBytes } from './decode-bytes.js';
import { classifyHeadersSchema, forMediaType } from './media-type.js';
import { multipartSchema } from './multipart.js';

function zodMessage(error: z.core.$ZodError, withPath: boolean): string {
  return error.issues.map((i) => (withPath && i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** zod failures become `{ error: { code, message } }` with the given status. */
const failWith =
  (status: 400 | 415, code: 'invalid-request' | 'unsupported-media-type', withPath = true) =>
  (result: { success: true } | { success: false; error: z.core.$ZodError }): void => {
    if (!result.success) throw new ApiError(status, code, zodMessage(result.error, withPath));
  };

/** Refuses an empty body before anything tries to read it as an image. */
function refuseEmptyBody(c: Context<AppEnv>): void {
  if (c.req.raw.body === null || c.req.header('Content-Length') === '0') {
    throw new ApiError(400, 'empty-body', 'the request body is empty; send a PNG or JPEG image, a multipart form with an "image" file, or canvas JSON');
  }
}

export function classifyRoute(classifier: Classifier): Hono<AppEnv> {
  const { card } = classifier;
  return new Hono<AppEnv>().post(
    '/',
    async (c, next) => {
      refuseEmptyBody(c);
      await next();
    },
    zValidator('header', classifyHeadersSchema, failWith(415, 'unsupported-media-type', false)),
    forMediaType('application/json', zValidator('json', canvasImageSchema, failWith(400, 'invalid-request'))),
    forMediaType('multipart/form-data', zValidator('form', multipartSchema, failWith(400, 'invalid-request'))),
    async (c) => {
      const config = readConfig(c.env);
      const limits: PixelLimits = { maxPixels: config.maxImagePixels, maxSide: config.maxImageSide };
      const type = c.req.valid('header')['content-type'];

      let image: RawImage;
      if (type === 'application/json') {
        image = await timed(c, 'decode', () => canvasToRawImage(c.req.valid('json'), limits));
      } else {
        const bytes = await timed(c, 'read', async () =>
          type === 'multipart/form-data' ? new Uint8Array(await c.req.valid('form').image.arrayBuffer()) : new Uint8Array(await c.req.arrayBuffer()),
        );
        const what = type === 'multipart/form-data' ? 'the "image" file' : 'the body';
        image = await timed(c, 'decode', () => decodeBytes(bytes, limits, what));
      }

      const input = await timed(c, 'preprocess', () => classifier.preprocess(image));
      const output = await timed(c, 'infer', () => classifier.infer(input));
      const decision = classifier.decide(output, input);
      const body: ClassifyResponse = {
        ...decision,
        model: { name: card.name, version: card.version },
        input: { width: image.width, height: image.height },
        backend: classifier.backend.name,
      };
      return c.json(body);
    },
  );
}
