import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConsultationStatus, Database } from '#src/db/types.ts';
import type { ConsultationRow } from './queries.ts';

/** The SQL of the coordinators' inbox, and nothing else. */

type Q = Kysely<Database> | Transaction<Database>;

export interface InboxFilter {
  status: ConsultationStatus;
  condition?: string;
  /** A user id, or 0 for requests nobody has taken. */
  assignee?: number;
  lang?: 'en' | 'ur';
  /** Received on or after / before the end of these days (YYYY-MM-DD, UTC). */
  from?: string;
  to?: string;
  /** A reference, or part of a name, phone number or email address. */
  q?: string;
  /** The search read as a phone number, in E.164, when it is one. */
  phone?: string;
}

function filtered(db: Q, f: InboxFilter) {
  let query = db.selectFrom('consultation_requests').where('status', '=', f.status);
  if (f.condition) query = query.where('condition', '=', f.condition);
  if (f.assignee !== undefined) query = f.assignee === 0 ? query.where('assignee_id', 'is', null) : query.where('assignee_id', '=', f.assignee);
  if (f.lang) query = query.where('lang', '=', f.lang);
  if (f.from) query = query.where('created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) query = query.where('created_at', '<=', `${f.to}T23:59:59.999Z`);
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('reference', '=', q.toUpperCase()),
        eb(sql<string>`lower(full_name)`, 'like', sql<string>`${like} escape '\\'`),
        eb(sql<string>`lower(coalesce(email, ''))`, 'like', sql<string>`${like} escape '\\'`),
        ...(digits.length >= 4 ? [eb('phone', 'like', `%${digits}%`)] : []),
        ...(f.phone ? [eb('phone', '=', f.phone)] : []),
      ]),
    );
  }
  return query;
}

/** Open requests: urgent first, then the least time left; closed ones and spam: newest first. */
export function listRequests(db: Q, f: InboxFilter, limit: number, offset: number): Promise<ConsultationRow[]> {
  const open = f.status === 'new' || f.status === 'in_progress';
  const query = filtered(db, f).selectAll();
  const ordered = open ? query.orderBy('urgent', 'desc').orderBy('respond_by', 'asc') : query.orderBy('created_at', 'desc');
  return ordered.orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countByStatus(db: Q): Promise<Record<ConsultationStatus, number>> {
  const rows = await db.selectFrom('consultation_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<ConsultationStatus, number> = { new: 0, in_progress: 0, booked: 0, closed: 0, spam: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Open requests that are urgent, and that are past their response target, for the overview. */
export async function openAlerts(db: Q, nowIso: string): Promise<{ urgent: number; overdue: number }> {
  const open = db.selectFrom('consultation_requests').where('status', 'in', ['new', 'in_progress']);
  const [urgent, overdue] = await Promise.all([
    open.where('urgent', '=', 1).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    open.where('responded_at', 'is', null).where('respond_by', '<', nowIso).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { urgent: Number(urgent.n), overdue: Number(overdue.n) };
}

export function findByReference(db: Q, reference: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom('consultation_requests').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** Other requests from the same phone or email since a moment: possible duplicates, linked on the request's page. */
export function sameSender(db: Q, row: Pick<ConsultationRow, 'id' | 'phone' | 'email'>, sinceIso: string) {
  return db
    .selectFrom('consultation_requests')
    .select(['reference', 'created_at', 'status', 'full_name'])
    .where('id', '!=', row.id)
    .where('created_at', '>=', sinceIso)
    .where((eb) => eb.or([eb('phone', '=', row.phone), ...(row.email ? [eb('email', '=', row.email)] : [])]))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

export function timeline(db: Q, requestId: number) {
  return db
    .selectFrom('consultation_events')
    .leftJoin('users', 'users.id', 'consultation_events.actor_id')
    .select(['consultation_events.at', 'consultation_events.kind', 'consultation_events.details', 'users.name as actor_name'])
    .where('request_id', '=', requestId)
    .orderBy('consultation_events.at', 'asc')
    .orderBy('consultation_events.id', 'asc')
    .execute();
}

export async function updateRequest(db: Q, id: number, changes: Partial<Pick<ConsultationRow, 'status' | 'assignee_id' | 'responded_at' | 'outcome'>>, at: string): Promise<void> {
  await db.updateTable('consultation_requests').set({ ...changes, updated_at: at }).where('id', '=', id).execute();
}

/** Staff who may take a request: active accounts (the service keeps those whose roles handle consultations). */
export function activeStaff(db: Q) {
  return db.selectFrom('users').select(['id', 'name', 'roles']).where('status', '=', 'active').orderBy('name').execute();
}
