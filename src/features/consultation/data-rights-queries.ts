import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';
import type { ConsultationRow } from './queries.ts';

/** The SQL of a person's data rights (find, export, erase) and of the retention period, and nothing else. */

type Q = Kysely<Database> | Transaction<Database>;

/** Every request sent with this phone number (E.164), whatever its status, oldest first. */
export function requestsByPhone(db: Q, e164: string): Promise<ConsultationRow[]> {
  return db.selectFrom('consultation_requests').selectAll().where('phone', '=', e164).orderBy('created_at').orderBy('id').execute();
}

/** Every request sent with this email address, compared without case, oldest first. */
export function requestsByEmail(db: Q, email: string): Promise<ConsultationRow[]> {
  return db
    .selectFrom('consultation_requests')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The timelines of these requests, each in order, with the name of the staff member who acted. */
export function eventsOf(db: Q, requestIds: readonly number[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('consultation_events')
    .leftJoin('users', 'users.id', 'consultation_events.actor_id')
    .select(['consultation_events.id', 'consultation_events.request_id', 'consultation_events.at', 'consultation_events.kind', 'consultation_events.details', 'users.name as actor_name'])
    .where('consultation_events.request_id', 'in', requestIds)
    .orderBy('consultation_events.at')
    .orderBy('consultation_events.id')
    .execute();
}

const likeText = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** Enough ORs per statement to be quick, few enough for SQLite's limit on expression depth. */
const NEEDLES_PER_QUERY = 50;

/**
 * Outbox rows of any kind whose stored payload contains one of these texts (an address, a number, a
 * reference), without case: candidates only, since a payload is JSON; the caller reads each to decide.
 */
export async function outboxMentioning(db: Q, needles: readonly string[]) {
  const rows = [];
  for (let i = 0; i < needles.length; i += NEEDLES_PER_QUERY) {
    const chunk = needles.slice(i, i + NEEDLES_PER_QUERY);
    rows.push(
      ...(await db
        .selectFrom('outbox')
        .select(['id', 'kind', 'status', 'created_at', 'sent_at', 'payload'])
        .where((eb) => eb.or(chunk.map((n) => eb(sql<string>`lower(payload)`, 'like', sql<string>`${likeText(n)} escape '\\'`))))
        .orderBy('created_at')
        .orderBy('id')
        .execute()),
    );
  }
  // A row that mentions two of the texts came back twice.
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

type Anonymised = Pick<ConsultationRow, 'full_name' | 'phone' | 'email' | 'city' | 'message' | 'source_path' | 'referrer' | 'utm'>;

/**
 * Replaces a request's identifying fields; false when it was anonymised already (by an earlier
 * erasure, or by another process's retention run that got there first), so nothing is counted twice.
 */
export async function anonymiseRequest(tx: Transaction<Database>, id: number, values: Anonymised, erasedPrefix: string): Promise<boolean> {
  const result = await tx
    .updateTable('consultation_requests')
    .set(values)
    .where('id', '=', id)
    .where('phone', 'not like', `${erasedPrefix}%`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setEventDetails(tx: Transaction<Database>, eventId: number, details: string): Promise<void> {
  await tx.updateTable('consultation_events').set({ details }).where('id', '=', eventId).execute();
}

/**
 * Overwrites the payload of these outbox rows. A row still waiting, and not being sent by a worker
 * at this moment, is also marked failed with the reason, so it is never tried; a row a worker holds
 * finishes as that worker records it (it already has the message in hand).
 */
export async function eraseOutboxRows(tx: Transaction<Database>, ids: readonly number[], o: { payload: string; reason: string; now: string }): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('outbox').set({ payload: o.payload }).where('id', 'in', ids).execute();
  await tx
    .updateTable('outbox')
    .set({ status: 'failed', last_error: o.reason, locked_by: null, locked_until: null })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', o.now)]))
    .execute();
}

/** Closed and spam requests untouched since before `cutoff` and not yet anonymised, the oldest first. */
export function expiredRequests(db: Q, cutoff: string, erasedPrefix: string, limit: number) {
  return db
    .selectFrom('consultation_requests')
    .select(['id', 'reference', 'email', 'phone'])
    .where('status', 'in', ['closed', 'spam'])
    .where('updated_at', '<', cutoff)
    .where('phone', 'not like', `${erasedPrefix}%`)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
