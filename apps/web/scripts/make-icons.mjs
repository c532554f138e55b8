#!/usr/bin/env node
// Renders public/icon.svg to the PNG icons the web app manifest names (some platforms want PNGs to
// install the page). Run after changing the SVG:  node apps/web/scripts/make-icons.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const pub = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
for (const size of [192, 512]) {
  const out = join(pub, `icon-${size}.png`);
  await sharp(join(pub, 'icon.svg'), { density: (72 * size) / 512 }).resize(size, size).png({ compressionLevel: 9 }).toFile(out);
  console.log(`wrote ${out}`);
}
