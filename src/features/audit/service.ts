import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Database } from '#src/db/types.ts';
import { appendAudit, countAuditSince, countRefusal, findAudit, refusalCount, takeEndedRefusals, type AuditFilter } from './queries.ts';

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

/** Refusals are counted in windows of this length; each window of one kind of refusal from one client is at most two rows. */
export const REFUSAL_WINDOW_MS = 10 * 60_000;
/** Refusals one client may earn in a window; after that its posts are answered 429 and counted in one row. */
export const REFUSALS_PER_CLIENT = 100;
export const RATE_LIMITED = 'refusals.rate-limited';

/**
 * Every field quoted, so a separator inside a value (a spreadsheet that splits on ";") never starts a
 * new cell; a value that a spreadsheet would run as a formula is prefixed with ' so it stays text.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export interface RefusalOutcome {
  /** The client has been refused too often in this window: answer 429. */
  limited: boolean;
  retryAfterSeconds: number;
}

export class AuditService {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;
  constructor(db: Kysely<Database>, now: () => Date = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  /** Records an event; pass the transaction of the change it describes so both commit together. */
  async record(actor: Actor, event: AuditEvent, tx: Kysely<Database> | Transaction<Database> = this.db): Promise<void> {
    await appendAudit(tx, {
      at: this.now().toISOString(),
      actor_id: actor.id,
      actor_email: actor.email,
      action: event.action,
      target_type: event.target?.type ?? null,
      target_id: event.target ? String(event.target.id) : null,
      ip: actor.ip,
      details: JSON.stringify(event.details ?? {}),
    });
  }

  private window(now: Date): { start: string; retryAfterSeconds: number } {
    const start = Math.floor(now.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS;
    return { start: new Date(start).toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((start + REFUSAL_WINDOW_MS - now.getTime()) / 1000)) };
  }

  /**
   * Records a refused request (no CSRF token, a dead link, a locked sign-in) at bounded cost: the
   * first of its kind from a client in a window is written at once with count 1, the repeats are
   * counted and written as one row when the window has ended. Past REFUSALS_PER_CLIENT refusals in
   * a window, a client's further refusals of any kind are counted in one row, and it should get 429.
   */
  async refuse(actor: Actor, action: string, path: string): Promise<RefusalOutcome> {
    const now = this.now();
    const { start, retryAfterSeconds } = this.window(now);
    const at = now.toISOString();
    const client = await countRefusal(this.db, { key: `client|${actor.ip ?? ''}`, windowStart: start, ip: actor.ip, actorId: null, actorEmail: null, action: 'refusals.client-total', path: '*', at });
    const limited = client > REFUSALS_PER_CLIENT;
    const counted = limited ? { ...actor, id: null, email: null, action: RATE_LIMITED } : { ...actor, action };
    const key = JSON.stringify([counted.ip, counted.id, counted.email, counted.action, limited ? '*' : path]);
    const n = await countRefusal(this.db, { key, windowStart: start, ip: counted.ip, actorId: counted.id, actorEmail: counted.email, action: counted.action, path, at });
    if (n === 1) {
      await this.record(counted, { action: counted.action, details: { path, count: 1 } });
      // A new window for this client and kind: a good moment to write up windows that have ended.
      await this.foldEndedRefusals();
    }
    return { limited, retryAfterSeconds };
  }

  /** Whether this client has used up its refusals for the window (checked before doing any work for it). */
  async refusalsExhausted(ip: string): Promise<RefusalOutcome> {
    const { start, retryAfterSeconds } = this.window(this.now());
    return { limited: (await refusalCount(this.db, `client|${ip}`, start)) >= REFUSALS_PER_CLIENT, retryAfterSeconds };
  }

  /** Writes the repeats of every ended window as one row each (count, first and last time, path). */
  async foldEndedRefusals(): Promise<number> {
    const before = this.window(this.now()).start;
    return this.db.transaction().execute(async (tx) => {
      const ended = await takeEndedRefusals(tx, before);
      let written = 0;
      for (const r of ended) {
        if (r.action === 'refusals.client-total' || r.count < 2) continue;
        await this.record({ id: r.actor_id, email: r.actor_email, ip: r.ip }, { action: r.action, details: { path: r.path, count: r.count - 1, repeated: true, first_at: r.first_at, last_at: r.last_at } }, tx);
        written++;
      }
      return written;
    });
  }

  async list(filter: AuditFilter, page: number, pageSize = 50): Promise<AuditEntry[]> {
    await this.foldEndedRefusals();
    return findAudit(this.db, filter, pageSize + 1, (page - 1) * pageSize);
  }

  countSince(action: string, since: Date): Promise<number> {
    return countAuditSince(this.db, action, since.toISOString());
  }

  /** The name of an export file, dated by the service's clock. */
  csvFileName(): string {
    return `audit-${this.now().toISOString().slice(0, 10)}.csv`;
  }

  async csv(filter: AuditFilter): Promise<string> {
    await this.foldEndedRefusals();
    const rows = await findAudit(this.db, filter, CSV_LIMIT);
    const header = ['id', 'at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'ip', 'details'];
    const lines = rows.map((r) => [r.id, r.at, r.actor_id, r.actor_email, r.action, r.target_type, r.target_id, r.ip, r.details].map(csvCell).join(','));
    return [header.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
  }
}

// The filter's query-string schema (audit/filter.ts) is the service's: routes parse with it from here.
export { auditFilterQuery } from './filter.ts';
