import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { ConsultationRequestsTable, Database } from '#src/db/types.ts';

/** The SQL of consultation requests, and nothing else. */

type Q = Kysely<Database> | Transaction<Database>;
export type ConsultationRow = Selectable<ConsultationRequestsTable>;
export type NewConsultation = Insertable<ConsultationRequestsTable>;

export async function insertRequest(db: Q, row: NewConsultation): Promise<number> {
  const inserted = await db.insertInto('consultation_requests').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertEvent(db: Q, e: { requestId: number; at: string; kind: string; actorId?: number | null; details?: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('consultation_events')
    .values({ request_id: e.requestId, at: e.at, kind: e.kind, actor_id: e.actorId ?? null, details: JSON.stringify(e.details ?? {}) })
    .execute();
}

/** What the thank-you page may show: nothing the patient typed, only when and how the clinic will answer. */
export function findPromise(db: Q, reference: string): Promise<Pick<ConsultationRow, 'reference' | 'respond_by' | 'time_zone' | 'reply_via' | 'lang'> | undefined> {
  return db
    .selectFrom('consultation_requests')
    .select(['reference', 'respond_by', 'time_zone', 'reply_via', 'lang'])
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export function referenceTaken(db: Q, reference: string): Promise<boolean> {
  return db
    .selectFrom('consultation_requests')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

/** Addresses that receive the news of a new request: active coordinators. */
export function coordinatorEmails(db: Q): Promise<{ email: string; roles: string; lang: string }[]> {
  return db.selectFrom('users').select(['email', 'roles', 'lang']).where('status', '=', 'active').execute();
}
