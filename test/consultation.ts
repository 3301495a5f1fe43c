import assert from 'node:assert/strict';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { App } from '#src/app.ts';
import type { Db } from '#src/db/connection.ts';

/** What the widget does in the browser: solve the challenge, then send challenge and solution as base64 JSON. */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution, 'the challenge has a solution');
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
}

/**
 * A solved proof of work, as the widget on the form page would send it. A test whose app runs on a
 * fixed clock passes that clock: altcha-lib checks the expiry on the system clock and the app on its
 * own, so the challenge is issued at the real time (valid for both) and the clock is then put back.
 */
export async function proofFrom(app: App, fixedClock?: { now: Date }): Promise<string> {
  const fixed = fixedClock?.now;
  if (fixedClock) fixedClock.now = new Date();
  try {
    const res = await app.fastify.inject({ url: '/consultation/challenge' });
    assert.equal(res.statusCode, 200);
    return await solve(res.json<Challenge>());
  } finally {
    if (fixedClock && fixed) fixedClock.now = fixed;
  }
}

/** A form a patient filled in correctly, as the browser posts it (JavaScript on: fill time measured). */
export function goodForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Ayesha Khan',
    phone: '0300-1234567',
    country: 'PK',
    email: '',
    replyVia: 'whatsapp',
    preferredTime: 'evening',
    timeZone: 'Asia/Karachi',
    city: 'Lahore',
    condition: 'als',
    message: 'My father was told he may have ALS. What should we ask at the first appointment?',
    consent: 'yes',
    source: '/articles/als-overview?utm_source=facebook&utm_campaign=als-week',
    referrer: 'https://www.google.com/',
    fill: '45000',
    website: '',
    ...overrides,
  };
}

export function postConsultation(app: App, form: Record<string, string>, o: { path?: string; headers?: Record<string, string>; ip?: string } = {}) {
  return app.fastify.inject({
    method: 'POST',
    url: o.path ?? '/consultation',
    remoteAddress: o.ip ?? '203.0.113.7',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...o.headers },
    payload: new URLSearchParams(form).toString(),
  });
}

export function storedRequests(db: Db) {
  return db.kysely.selectFrom('consultation_requests').selectAll().orderBy('id').execute();
}

export function outboxRows(db: Db) {
  return db.kysely.selectFrom('outbox').selectAll().orderBy('id').execute();
}
