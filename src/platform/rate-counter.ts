import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/types.ts';

/**
 * What a counter is kept per, as stored: the HMAC of the real subject (a phone number, an e-mail or
 * a client address is personal data and must not sit in a table of counters). The brand makes the
 * type checker refuse a raw string, so a caller cannot store one by forgetting to hash it.
 */
export type SubjectKey = string & { readonly __subjectKey: unique symbol };

/**
 * The stored form of a subject: HMAC-SHA256 under a secret key, so that the table alone cannot be
 * turned back into phone numbers by hashing every possible number (a plain hash could).
 */
export function subjectKey(key: string | Uint8Array, value: string): SubjectKey {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url') as SubjectKey;
}

export interface Hit {
  /** Which limit this is ("consultation-phone", "consultation-ip"…): each counts on its own. */
  scope: string;
  subject: SubjectKey;
  windowMs: number;
  now: Date;
}

/**
 * Counts one hit in the fixed window that `now` falls in and returns the window's count, this hit
 * included. One statement inserts the window's row or adds one to it and reads the result, so
 * requests arriving together (in one process or in several sharing the database) each get a count
 * of their own and none can slip under the limit; a read-then-write would let them.
 */
export async function countHit(db: Kysely<Database>, o: Hit): Promise<number> {
  if (!(o.windowMs > 0)) throw new RangeError(`windowMs must be positive, not ${o.windowMs}`);
  const start = Math.floor(o.now.getTime() / o.windowMs) * o.windowMs;
  const row = await db
    .insertInto('rate_counters')
    .values({
      scope: o.scope,
      subject: o.subject,
      window_start: new Date(start).toISOString(),
      hits: 1,
      expires_at: new Date(start + o.windowMs).toISOString(),
    })
    .onConflict((oc) => oc.columns(['scope', 'subject', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_counters.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  // PostgreSQL's driver may hand back integers as strings depending on type parsers; a number either way.
  return Number(row.hits);
}

/** Drops the rows of windows that have ended (they can no longer be counted into). Returns how many. */
export async function purgeExpiredCounters(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_counters').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
