import { z } from 'zod';

/** A multipart form for POST /classify: one file in the field `image`. */
export const multipartSchema = z.object({
  image: z.instanceof(File, { error: (issue) => (issue.input === undefined ? 'the form needs a file in the field "image"' : 'the field "image" must be one file, not text or several files') }),
});
