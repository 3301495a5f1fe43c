import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Database } from '#src/db/types.ts';
import { appendAudit, countAuditSince, findAudit, type AuditFilter } from './queries.ts';

export type { AuditFilter };

/** Who did it and from where; null actor for anonymous attempts (a failed sign-in). */
export interface Actor {
  id: number | null;
  email: string | null;
  ip: string | null;
}

export interface AuditEvent {
  action: string;
  target?: { type: string; id: string | number };
  details?: Record<string, unknown>;
}

const CSV_LIMIT = 100_000;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; prefix it so it stays text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export class AuditService {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Records an event; pass the transaction of the change it describes so both commit together. */
  async record(actor: Actor, event: AuditEvent, tx: Kysely<Database> | Transaction<Database> = this.db): Promise<void> {
    await appendAudit(tx, {
      actor_id: actor.id,
      actor_email: actor.email,
      action: event.action,
      target_type: event.target?.type ?? null,
      target_id: event.target ? String(event.target.id) : null,
      ip: actor.ip,
      details: JSON.stringify(event.details ?? {}),
    });
  }

  list(filter: AuditFilter, page: number, pageSize = 50): Promise<AuditEntry[]> {
    return findAudit(this.db, filter, pageSize + 1, (page - 1) * pageSize);
  }

  countSince(action: string, since: Date): Promise<number> {
    return countAuditSince(this.db, action, since.toISOString());
  }

  async csv(filter: AuditFilter): Promise<string> {
    const rows = await findAudit(this.db, filter, CSV_LIMIT);
    const header = ['id', 'at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'ip', 'details'];
    const lines = rows.map((r) => [r.id, r.at, r.actor_id, r.actor_email, r.action, r.target_type, r.target_id, r.ip, r.details].map(csvCell).join(','));
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }
}
