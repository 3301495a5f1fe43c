import type { FastifyInstance } from 'fastify';
import type { ProofOfWork } from '#src/platform/proof-of-work.ts';

export const CHALLENGE_PATH = '/consultation/challenge';

/**
 * The proof-of-work widget fetches its challenge here when the patient starts on the form. Each
 * answer is new and may be solved once, so neither the browser nor a proxy may keep or share it
 * (`no-store`; the public pages' caching never applies to it).
 */
export function challengeRoute(app: FastifyInstance, pow: ProofOfWork): void {
  app.get(CHALLENGE_PATH, async (_request, reply) => {
    const challenge = await pow.challenge();
    return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(challenge);
  });
}
