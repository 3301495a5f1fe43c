import '@fastify/cookie';
import type { FastifyReply } from 'fastify';

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
  return secure ? '__Host-cs_session' : 'cs_session';
}

export function setSessionCookie(reply: FastifyReply, deps: { cookieSecure: boolean }, token: string): void {
  reply.setCookie(sessionCookieName(deps.cookieSecure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure });
}

export function clearSessionCookie(reply: FastifyReply, deps: { cookieSecure: boolean }): void {
  reply.clearCookie(sessionCookieName(deps.cookieSecure), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure });
}
