// A drawing the person kept with the label they gave it: the bytes the API was sent (the snapshot as a
// PNG, or the uploaded file as it was), not the model's small input.

export type KeptType = 'image/png' | 'image/jpeg';

export interface KeptDrawing {
  /** Unique, sortable by time; also the file name in the zip. */
  name: string;
  /** One of the card's labels: the folder the drawing goes into. */
  label: string;
  type: KeptType;
  bytes: Uint8Array;
  /** The model that answered, e.g. "ox 2026.11.28" (for the person's own notes; not in the zip layout). */
  model: string;
  keptAt: string;
}

export const extensionOf = (type: KeptType): string => (type === 'image/png' ? 'png' : 'jpg');

/** A name that sorts by time and does not collide across tabs: 2026-12-03T19-40-55-123Z-1a2b3c4d. */
export function keptName(now: Date, random: string): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${random}`;
}

/**
 * The label as a folder name. Card labels are the training folders' names already; anything a file
 * system or a zip reader would trip on is replaced so the zip never writes outside its folder.
 */
export function folderOf(label: string): string {
  const safe = label.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+$/, '_');
  return safe === '' ? '_' : safe;
}

/** `<label>/<name>.png`: the layout `inkling train --data <folder>` reads. */
export const pathInZip = (d: Pick<KeptDrawing, 'label' | 'name' | 'type'>): string => `${folderOf(d.label)}/${d.name}.${extensionOf(d.type)}`;
