import type { FastifyRequest } from 'fastify';

/**
 * The request must come from a page of this site: the browser says so (`Sec-Fetch-Site`), or, for
 * an older browser, its `Origin` names this host. The pages carry no per-reader token (they are
 * cached for everyone), so this and the abuse defences are what stand against cross-site posts.
 */
export function fromThisSite(request: FastifyRequest, baseUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const host = new URL(origin).host;
    return host === request.host || origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}
