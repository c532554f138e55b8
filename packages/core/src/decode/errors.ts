export type DecodeErrorCode = 'unsupported-format' | 'corrupt' | 'too-large' | 'empty';

/** Why bytes could not become an image; `code` lets a server pick the HTTP status. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
