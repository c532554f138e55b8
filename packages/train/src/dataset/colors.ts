import type { Rng } from './rng.js';

export type RGB = [number, number, number];

export function hsl(h: number, s: number, l: number): RGB {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

export function hex([r, g, b]: RGB): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t].map(Math.round) as RGB;
}

/** Inks people draw with on a light ground. */
export function darkInk(rng: Rng): RGB {
  switch (rng.weighted({ black: 5, blue: 3, red: 2, any: 3, grey: 1 })) {
    case 'black':
      return hsl(rng.uniform(0, 360), rng.uniform(0, 0.3), rng.uniform(0, 0.15));
    case 'blue':
      return hsl(rng.uniform(210, 245), rng.uniform(0.5, 0.9), rng.uniform(0.18, 0.45));
    case 'red':
      return hsl(rng.uniform(-10, 20) + 360, rng.uniform(0.5, 0.9), rng.uniform(0.2, 0.5));
    case 'grey':
      return hsl(0, 0, rng.uniform(0.25, 0.5));
    default:
      return hsl(rng.uniform(0, 360), rng.uniform(0.4, 1), rng.uniform(0.15, 0.5));
  }
}

/** Inks on a dark ground: white, chalk, neon. */
export function lightInk(rng: Rng): RGB {
  return rng.chance(0.55) ? hsl(rng.uniform(0, 360), rng.uniform(0, 0.2), rng.uniform(0.85, 1)) : hsl(rng.uniform(0, 360), rng.uniform(0.5, 1), rng.uniform(0.6, 0.8));
}

/** A light ground: mostly white, sometimes off-white, grey or a pastel. */
export function lightPaper(rng: Rng): RGB {
  switch (rng.weighted({ white: 6, offwhite: 3, grey: 2, pastel: 2 })) {
    case 'white':
      return [255, 255, 255];
    case 'offwhite':
      return hsl(rng.uniform(30, 60), rng.uniform(0.2, 0.6), rng.uniform(0.9, 0.97));
    case 'grey':
      return hsl(0, 0, rng.uniform(0.7, 0.92));
    default:
      return hsl(rng.uniform(0, 360), rng.uniform(0.4, 0.9), rng.uniform(0.8, 0.92));
  }
}

/** Paper as a phone camera sees it: rarely pure white, often grey, cream or tinted. */
export function photoPaper(rng: Rng): RGB {
  switch (rng.weighted({ grey: 4, cream: 3, tinted: 2, bright: 2 })) {
    case 'grey':
      return hsl(rng.uniform(0, 360), rng.uniform(0, 0.08), rng.uniform(0.55, 0.85));
    case 'cream':
      return hsl(rng.uniform(35, 55), rng.uniform(0.2, 0.5), rng.uniform(0.7, 0.9));
    case 'tinted':
      return hsl(rng.uniform(0, 360), rng.uniform(0.2, 0.6), rng.uniform(0.65, 0.88));
    default:
      return hsl(rng.uniform(0, 360), rng.uniform(0, 0.1), rng.uniform(0.88, 0.98));
  }
}

export function darkPaper(rng: Rng): RGB {
  switch (rng.weighted({ black: 3, darkmode: 3, chalkboard: 2, navy: 1 })) {
    case 'black':
      return [0, 0, 0];
    case 'darkmode':
      return hsl(rng.uniform(200, 260), rng.uniform(0, 0.15), rng.uniform(0.06, 0.16));
    case 'chalkboard':
      return hsl(rng.uniform(100, 170), rng.uniform(0.1, 0.35), rng.uniform(0.12, 0.25));
    default:
      return hsl(rng.uniform(210, 240), rng.uniform(0.4, 0.8), rng.uniform(0.1, 0.22));
  }
}

/** Colour maps for "colour-mapped renderings" (a plotted ink map), as evenly spaced stops. */
export const COLORMAPS: Readonly<Record<string, readonly string[]>> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  magma: ['#000004', '#1c1044', '#4f127b', '#812581', '#b5367a', '#e55064', '#fb8761', '#fec287', '#fcfdbf'],
  jet: ['#00007f', '#0000ff', '#007fff', '#00ffff', '#7fff7f', '#ffff00', '#ff7f00', '#ff0000', '#7f0000'],
  hot: ['#0b0000', '#ff0000', '#ffff00', '#ffffff'],
  cividis: ['#00224e', '#35456c', '#666970', '#948e77', '#c8b866', '#fee838'],
  coolwarm: ['#3b4cc0', '#7b9ff9', '#c0d4f5', '#f2cbb7', '#ee8468', '#b40426'],
  bone: ['#000000', '#545474', '#a7c7c7', '#ffffff'],
};

/** A 256-entry RGB table for a colour map. */
export function colormapTable(name: string): Uint8Array {
  const stops = COLORMAPS[name].map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  const table = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const x = (v / 255) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const t = x - i;
    for (let c = 0; c < 3; c++) table[v * 3 + c] = Math.round(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * t);
  }
  return table;
}
