import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** The extensions Keras's flow_from_directory lists, plus WebP and GIF, which sharp reads. */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.bmp', '.ppm', '.tif', '.tiff', '.webp', '.gif']);

export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
}

/** Sub-folder names, sorted as Keras sorts them (they become the class indices). */
export async function classFolders(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new DataFolderError(`cannot read the data folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  return names.sort();
}

/** Image files under a class folder, recursively (as Keras's follow_links=False walk), sorted. */
export async function imageFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()) && (await stat(path)).size >= 0) out.push(path);
    }
  };
  await walk(dir);
  return out;
}
