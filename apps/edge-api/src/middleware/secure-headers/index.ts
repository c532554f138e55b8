import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's secure headers for the API's JSON answers. They never load anything or get framed, so
 * the CSP allows nothing. (Static assets are served before the Worker runs and get their headers
 * from the page's `_headers` file.)
 */
export function apiSecureHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    // Callers on other origins read the answers through CORS; CORP must not block them.
    crossOriginResourcePolicy: 'cross-origin',
  });
}
