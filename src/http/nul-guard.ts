import type { FastifyInstance } from 'fastify';
import { errors } from '#src/errors.ts';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 4 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsNul(v, depth + 1));
}

/**
 * PostgreSQL cannot store a NUL character in text and answers such a query with an error; no real
 * form or URL contains one, so the request is refused as bad input before it reaches a feature.
 */
export function rejectNulBytes(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, cached pages included.
  app.addHook('preHandler', (request, _reply, done) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      done(new errors.NulInRequest());
      return;
    }
    done();
  });
}
