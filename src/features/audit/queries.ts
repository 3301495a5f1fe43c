import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AuditEntry, AuditLogTable, Database } from '#src/db/types.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export type NewAuditEntry = Omit<Insertable<AuditLogTable>, 'id'>;

/** The only write the audit log has: an insert. There is no update or delete here, and the database refuses them. */
export async function appendAudit(db: Q, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/** What a person typed, matched as the characters it is: LIKE's wildcards (and the escape character) escaped. */
function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

export function findAudit(db: Q, filter: AuditFilter, limit: number, offset = 0): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.action) q = q.where(sql<boolean>`action LIKE ${`${likeLiteral(filter.action)}%`} ESCAPE '!'`);
  if (filter.actor) q = q.where(sql<boolean>`actor_email LIKE ${`%${likeLiteral(filter.actor.toLowerCase())}%`} ESCAPE '!'`);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  return q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countAuditSince(db: Q, action: string, since: string): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string | number>().as('n')).where('action', '=', action).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

// refusals: counted per client, action and window, then folded into the log

export interface RefusalCount {
  key: string;
  windowStart: string;
  ip: string | null;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  path: string;
  at: string;
}

/** Adds one refusal to its window's counter in one statement; returns the count, so exactly one caller sees 1. */
export async function countRefusal(db: Q, r: RefusalCount): Promise<number> {
  const row = await db
    .insertInto('audit_refusals')
    .values({ key: r.key, window_start: r.windowStart, ip: r.ip, actor_id: r.actorId, actor_email: r.actorEmail, action: r.action, path: r.path, count: 1, first_at: r.at, last_at: r.at })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`audit_refusals.count + 1`, last_at: r.at, path: r.path }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function refusalCount(db: Q, key: string, windowStart: string): Promise<number> {
  const row = await db.selectFrom('audit_refusals').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Takes the counters of windows that have ended; a single DELETE … RETURNING, so two processes never fold the same one. */
export function takeEndedRefusals(db: Q, before: string) {
  return db.deleteFrom('audit_refusals').where('window_start', '<', before).returningAll().execute();
}
