/**
 * Where the edge API is: `?api=<url>` on the page's address, else the build-time `VITE_INKLING_API`,
 * else this page's own origin (the Worker that serves the page also answers /classify).
 * Only http(s) URLs are accepted; anything else is ignored with a console warning.
 */
export function apiBaseFrom(search: string, buildTime: string | undefined): string {
  const fromQuery = new URLSearchParams(search).get('api');
  for (const candidate of [fromQuery, buildTime]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/+$/, '');
    } catch {
      // fall through to the next source
    }
    console.warn(`ignoring API address "${candidate}": not an http(s) URL`);
  }
  return '';
}

/** Where the shipped model lives, next to the page (the build copies models/ox there); ends in '/'. */
export function modelBaseUrl(base: string = import.meta.env.BASE_URL): string {
  return `${base.replace(/\/?$/, '/')}models/ox/`;
}
