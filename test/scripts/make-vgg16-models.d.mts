export interface MadeVgg16Models {
  h5: string;
  run: string;
  models: Record<string, string>;
}

export function makeVgg16Models(options: {
  out: string;
  widthDivisor?: number;
  imageSize?: number;
  count?: number;
  quantize?: string[];
  seed?: number;
  log?: (line: string) => void;
}): Promise<MadeVgg16Models>;
