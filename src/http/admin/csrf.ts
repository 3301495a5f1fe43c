import { timingSafeEqual } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newToken } from '#src/platform/tokens.ts';

function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-cs_csrf' : 'cs_csrf';
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A form post that a browser says came from another site. */
function crossSite(request: FastifyRequest, baseUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return typeof origin === 'string';
  return origin !== new URL(baseUrl).origin && origin !== `${request.protocol}://${request.headers.host ?? ''}`;
}

/**
 * The token a page's forms carry. Signed-in pages use the session's own; a signed-out form (sign-in,
 * forgotten password) uses a double-submit cookie, set on the first page that shows such a form.
 */
export function formToken(request: FastifyRequest, reply: FastifyReply, o: { sessionToken: string | undefined; issue: boolean; secure: boolean }): string {
  if (o.sessionToken) return o.sessionToken;
  const name = csrfCookieName(o.secure);
  let token = request.cookies[name];
  if (!token && o.issue) {
    token = newToken();
    reply.setCookie(name, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: o.secure });
  }
  return token ?? '';
}

/** True when a post must be refused: sent from another site, or without the token its form carried. */
export function csrfRefused(request: FastifyRequest, o: { sessionToken: string | undefined; baseUrl: string; secure: boolean }): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  const expected = o.sessionToken ?? request.cookies[csrfCookieName(o.secure)];
  return crossSite(request, o.baseUrl) || !sameToken(typeof sent === 'string' ? sent : undefined, expected);
}
