import type { Kysely, Transaction } from 'kysely';
import type { Db } from '#src/db/connection.ts';
import type { Database, OutboxRow, OutboxTable } from '#src/db/types.ts';

// The outbox's SQL and nothing else: the rules (what is due, backoff, when to give up) live in
// outbox.ts. Dates are ISO-8601 text written by toISOString(), so string order is time order.

export type OutboxStatus = OutboxTable['status'];

export async function insertOutboxRow(
  db: Kysely<Database> | Transaction<Database>,
  row: { kind: string; payload: string; now: string; messageToken: string; dueAt?: string },
): Promise<number> {
  const inserted = await db
    .insertInto('outbox')
    .values({ kind: row.kind, payload: row.payload, status: 'pending', next_attempt_at: row.dueAt ?? row.now, created_at: row.now, message_token: row.messageToken })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Deletes a row that is still waiting and not claimed by a worker; false otherwise. */
export async function deletePendingRow(db: Kysely<Database> | Transaction<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('outbox').where('id', '=', id).where('status', '=', 'pending').where('locked_by', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface ClaimOptions {
  workerId: string;
  kinds: readonly string[];
  now: string;
  lockedUntil: string;
  limit: number;
}

/**
 * Locks up to `limit` due rows for one worker in a single statement and returns them.
 * A row is due when pending, its next attempt has come, and nobody holds a live lease on it.
 * PostgreSQL: the subquery's FOR UPDATE SKIP LOCKED makes concurrent claimers pass over each
 * other's rows instead of waiting (and READ COMMITTED re-checks the WHERE on rows committed in
 * between, so a row just claimed elsewhere drops out). SQLite has one writer, so the single
 * UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING * is already atomic.
 */
export async function claimDueRows(db: Db, o: ClaimOptions): Promise<OutboxRow[]> {
  if (o.kinds.length === 0 || o.limit <= 0) return [];
  const rows = await db.kysely
    .updateTable('outbox')
    .set({ locked_by: o.workerId, locked_until: o.lockedUntil })
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('kind', 'in', o.kinds)
        .where('next_attempt_at', '<=', o.now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', o.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(o.limit);
      return db.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  // RETURNING does not promise an order; send the oldest first.
  return rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id - b.id);
}

/** Every write after a claim is guarded by the lock: a worker whose lease was taken over changes nothing. */
export async function markSent(db: Kysely<Database>, id: number, workerId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Extends the lease on a row being sent; false when the worker no longer holds it. */
export async function renewClaim(db: Kysely<Database>, id: number, workerId: string, lockedUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ locked_until: lockedUntil })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface FailedAttempt {
  attempts: number;
  lastError: string;
  status: Extract<OutboxStatus, 'pending' | 'failed'>;
  nextAttemptAt: string;
}

export async function recordFailure(db: Kysely<Database>, id: number, workerId: string, f: FailedAttempt): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: f.status,
      attempts: f.attempts,
      last_error: f.lastError,
      next_attempt_at: f.nextAttemptAt,
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Hands rows back untouched (e.g. a run that ran out of lease time), so another run can take them at once. */
export async function releaseClaims(db: Kysely<Database>, ids: readonly number[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function countByStatus(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function newestFailedRows(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'payload', 'created_at', 'attempts', 'last_error'])
    .where('status', '=', 'failed')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Messages not sent yet (and not given up on), oldest first. */
export async function oldestWaitingRows(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'payload', 'created_at', 'attempts', 'last_error', 'next_attempt_at', 'locked_until'])
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Messages not sent yet that have failed at least once: mail is not getting through. */
export async function countRetrying(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('status', '=', 'pending')
    .where('attempts', '>', 0)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findOutboxRow(db: Kysely<Database>, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
