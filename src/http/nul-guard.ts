import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { errors } from '#src/errors.ts';
import { ownsHeaders } from './cached-answer.ts';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 4 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsNul(v, depth + 1));
}

/**
 * A NUL reaches a path parameter or a query value only as `%00` (the HTTP parser refuses a raw
 * one), so one look at the raw URL covers both, without walking the decoded objects.
 */
export function hasNulByte(url: string): boolean {
  return url.includes('%00');
}

/**
 * PostgreSQL cannot store a NUL character in text and answers such a query with an error; no real
 * form or URL contains one, so the request is refused as bad input before it reaches a feature.
 */
const guard: preHandlerHookHandler = (request, _reply, done) => {
  if (hasNulByte(request.url) || containsNul(request.body)) {
    done(new errors.NulInRequest());
    return;
  }
  done();
};

/**
 * Puts the guard in front of every route's own preHandlers, except routes that declare
 * `config.ownHeaders` (cached public pages): their handler makes the same check itself, so the
 * cached answer runs no hook at all.
 */
export function rejectNulBytes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (ownsHeaders(route.config)) return;
    route.preHandler = [guard, ...[route.preHandler ?? []].flat()];
  });
}

