/** One marker segment of a JPEG file, up to the first start of scan. */
export interface JpegSegment {
  /** The marker's second byte (0xe1 for APP1, 0xc0 for SOF0, …). */
  marker: number;
  /** Where the segment's payload starts (after the two length bytes). */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
}

/**
 * Walks a JPEG's marker segments from SOI to the first SOS (which it does not return), so headers
 * (frame size, EXIF) can be read without decoding. Stops at a malformed segment; the decoder reports it.
 */
export function* jpegSegments(b: Uint8Array): Generator<JpegSegment> {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return;
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2) return;
    const end = Math.min(b.length, i + 2 + length);
    yield { marker, start: i + 4, end };
    i += 2 + length;
  }
}

/** SOF0–SOF15 but DHT (c4), JPG (c8) and DAC (cc). */
export const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export interface JpegFrame {
  /** The SOF marker: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, others lossless/arithmetic/hierarchical. */
  marker: number;
  /** Bits per sample (8, or 12 for 12-bit JPEG). */
  precision: number;
  width: number;
  height: number;
  components: number;
}

/** The first frame header, or null when there is none before the scan data (or it is cut short). */
export function jpegFrame(b: Uint8Array): JpegFrame | null {
  for (const s of jpegSegments(b)) {
    if (!isStartOfFrame(s.marker)) continue;
    if (s.start + 6 > b.length) return null;
    return { marker: s.marker, precision: b[s.start], height: (b[s.start + 1] << 8) | b[s.start + 2], width: (b[s.start + 3] << 8) | b[s.start + 4], components: b[s.start + 5] };
  }
  return null;
}
