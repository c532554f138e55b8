import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readImage } from '../data/read-image.js';
import type { ExampleGroup } from './html/index-page.js';
import { slugify, uniqueSlugs, type StagedFolder } from './files.js';
import { originalThumbnail } from './images/thumbnails.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif']);
const isImage = (name: string) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase());

export interface Examples {
  groups: ExampleGroup[];
  /** Pictures that sit beside the style folders (e.g. the data set's own contact sheet), copied unchanged. */
  overviews: { src: string; name: string }[];
}

/**
 * Examples into `examples/` of the report: thumbnails in one group per sub-folder (a style of the
 * data set). Images directly in the folder are copied unchanged as overviews when there are style
 * folders (`inkling dataset` puts its contact sheet there), else they are the one group.
 */
export async function writeExamples(dir: string, out: StagedFolder, perGroup: number): Promise<Examples> {
  const entries = await readdir(dir, { withFileTypes: true });
  const groups: { name: string; files: string[] }[] = [];
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const files = (await readdir(join(dir, e.name))).filter(isImage).map((f) => join(dir, e.name, f));
    if (files.length) groups.push({ name: e.name, files });
  }
  const loose = entries.filter((e) => e.isFile() && isImage(e.name)).map((e) => e.name).sort();
  const overviews: Examples['overviews'] = [];
  if (groups.length) {
    for (const name of loose) overviews.push({ src: await out.put(`examples/${slugify(basename(name, extname(name)), 'overview')}${extname(name).toLowerCase()}`, await readFile(join(dir, name))), name });
  } else if (loose.length) groups.push({ name: basename(dir), files: loose.map((n) => join(dir, n)) });
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
  return { groups: result, overviews };
}
