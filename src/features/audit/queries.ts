import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AuditEntry, AuditLogTable, Database } from '#src/db/types.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export type NewAuditEntry = Omit<Insertable<AuditLogTable>, 'id' | 'at'>;

/** The only write the audit log has: an insert. There is no update or delete here, and the database refuses them. */
export async function appendAudit(db: Q, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values({ ...entry, at: new Date().toISOString() }).execute();
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
