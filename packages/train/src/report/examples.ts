import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readImage } from '../data/read-image.js';
import type { ExampleGroup } from './html/index-page.js';
import { slugify, uniqueSlugs, type StagedFolder } from './files.js';
import { originalThumbnail } from './images/thumbnails.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif']);
const isImage = (name: string) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase());

/**
 * Thumbnails of a folder of examples into `examples/` of the report: one group per sub-folder
 * (a style of the data set), or one group for images directly in the folder.
 */
export async function writeExamples(dir: string, out: StagedFolder, perGroup: number): Promise<ExampleGroup[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const groups: { name: string; files: string[] }[] = [];
  const loose = entries.filter((e) => e.isFile() && isImage(e.name)).map((e) => join(dir, e.name));
  if (loose.length) groups.push({ name: basename(dir), files: loose });
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const files = (await readdir(join(dir, e.name))).filter(isImage).map((f) => join(dir, e.name, f));
    if (files.length) groups.push({ name: e.name, files });
  }
  const slugs = uniqueSlugs(groups.map((g) => g.name), 'examples');
  const result: ExampleGroup[] = [];
  for (const [g, group] of groups.entries()) {
    group.files.sort();
    const images: ExampleGroup['images'] = [];
    for (const file of group.files.slice(0, perGroup)) {
      try {
        const png = await originalThumbnail(await readImage(file), 96, [255, 255, 255]);
        images.push({ src: await out.put(`examples/${slugs[g]}/${slugify(basename(file, extname(file)), 'image')}-${images.length}.png`, png), name: basename(file) });
      } catch {
        // An unreadable example is left out; the count below still says how many the folder holds.
      }
    }
    result.push({ name: group.name, images, total: group.files.length });
  }
  return result;
}
