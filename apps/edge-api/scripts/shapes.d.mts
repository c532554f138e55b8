export interface DrawnImage {
  width: number;
  height: number;
  /** Straight-alpha RGBA. */
  data: Uint8ClampedArray;
}

export interface DrawOptions {
  size?: number;
  seed?: number;
  transparent?: boolean;
  ink?: [number, number, number];
  paper?: [number, number, number];
}

export function seededRandom(seed: number): () => number;
export function drawShape(kind: 'o' | 'x', options?: DrawOptions): DrawnImage;
