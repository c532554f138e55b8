/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A relative URL from path segments, each percent-encoded (file names may hold spaces or #). */
export function href(...segments: string[]): string {
  return segments
    .flatMap((s) => s.split('/'))
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

/** Pretty JSON for a <pre> block. */
export function jsonBlock(value: unknown): string {
  return `<pre class="json">${esc(JSON.stringify(value, null, 2) ?? 'null')}</pre>`;
}

export function formatNumber(n: number, digits = 4): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Number(n.toPrecision(digits)).toString();
}
