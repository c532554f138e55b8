import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What a data set's manifest says about one file. */
export interface ManifestEntry {
  source?: string;
  style?: string;
}

export interface Manifest {
  /** The manifest file that was read. */
  file: string;
  /** Folder the manifest's paths are relative to. */
  root: string;
  /** By path relative to `root`, with forward slashes. */
  entries: Map<string, ManifestEntry>;
}

const NAMES = ['manifest.json', 'MANIFEST.json', 'manifest.tsv', 'MANIFEST.tsv'];
const PATH_KEYS = ['file', 'path', 'filename', 'image'];
const SOURCE_KEYS = ['source', 'source_repo', 'generator', 'origin'];
const STYLE_KEYS = ['style', 'kind', 'variant'];

function pick(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = record[k];
    if (typeof v === 'string' && v.length) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

const normalise = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');

function fromRecords(records: unknown[], entries: Map<string, ManifestEntry>): void {
  for (const r of records) {
    if (!r || typeof r !== 'object') continue;
    const record = r as Record<string, unknown>;
    const path = pick(record, PATH_KEYS);
    if (path) entries.set(normalise(path), { source: pick(record, SOURCE_KEYS), style: pick(record, STYLE_KEYS) });
  }
}

/**
 * Reads the manifest shapes a data set may carry: a JSON array of records, an object holding such
 * an array (`images`, `files`, `items`, `samples` or `entries`), an object keyed by path, or a
 * tab-separated file with a header row. A record names its file by `file`/`path` (relative to the
 * manifest's folder) and may say `source` (or `source_repo`, `generator`) and `style`.
 */
export function parseManifest(text: string, kind: 'json' | 'tsv'): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  if (kind === 'tsv') {
    const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim().length);
    if (!header) return entries;
    const cols = header.split('\t').map((c) => c.trim());
    fromRecords(rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [cols[i], v]))), entries);
    return entries;
  }
  const json: unknown = JSON.parse(text);
  if (Array.isArray(json)) fromRecords(json, entries);
  else if (json && typeof json === 'object') {
    const obj = json as Record<string, unknown>;
    const list = ['images', 'files', 'items', 'samples', 'entries'].map((k) => obj[k]).find(Array.isArray);
    if (list) fromRecords(list, entries);
    else fromRecords(Object.entries(obj).map(([path, v]) => (v && typeof v === 'object' ? { path, ...(v as object) } : null)), entries);
  }
  return entries;
}

/** The manifest of a data folder, looked for in the folder and then its parent (data/train → data/). */
export async function findManifest(dataDir: string): Promise<Manifest | undefined> {
  for (const root of [dataDir, dirname(dataDir)]) {
    for (const name of NAMES) {
      const file = join(root, name);
      if (!existsSync(file)) continue;
      try {
        const entries = parseManifest(await readFile(file, 'utf8'), name.endsWith('.tsv') ? 'tsv' : 'json');
        if (entries.size) return { file, root, entries };
      } catch {
        // A manifest we cannot read costs the report its sources column, not the report.
      }
    }
  }
  return undefined;
}
