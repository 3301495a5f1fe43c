import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '#src/db/connection.ts';
import type { Database, OutboxRow } from '#src/db/types.ts';
import type { Mailer } from './mailer.ts';
import {
  claimDueRows,
  countByStatus,
  countRetrying,
  insertOutboxRow,
  markSent,
  newestFailedRows,
  oldestWaitingRows,
  recordFailure,
  releaseClaims,
  renewClaim,
  type OutboxStatus,
} from './outbox-queries.ts';

// The transactional outbox: a change and the mail it causes are written in one transaction, and a
// worker in any app process delivers the mail later, retrying with backoff while mail is down.
// Delivery is at-least-once by nature (SMTP accepted, then the process died before marking the row
// sent); the claim lease, renewed while a message is being sent, makes sure two live workers never
// send the same row, and every attempt carries the row's one Message-ID so that a receiving server
// can drop the duplicate.

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const EMAIL = 'email';

/** Pass the caller's transaction, so that the mail exists if and only if the change it reports does. */
export async function enqueueEmail(
  db: Kysely<Database> | Transaction<Database>,
  message: EmailMessage,
  now: Date = new Date(),
): Promise<number> {
  const payload = toEmailPayload(message);
  if (!payload) throw new TypeError('enqueueEmail: to, subject and text must be strings, to and subject not empty');
  return insertOutboxRow(db, { kind: EMAIL, payload: JSON.stringify(payload), now: now.toISOString(), messageToken: randomBytes(16).toString('hex') });
}

/** Keeps exactly the fields the outbox sends; anything else (stray properties, bad JSON) is null. */
function toEmailPayload(value: unknown): EmailMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { to, subject, text, html } = value as Record<string, unknown>;
  if (typeof to !== 'string' || to.trim() === '' || typeof subject !== 'string' || subject.trim() === '') return null;
  if (typeof text !== 'string' || (html !== undefined && typeof html !== 'string')) return null;
  return html === undefined ? { to, subject, text } : { to, subject, text, html };
}

function parseEmailPayload(json: string): EmailMessage | null {
  try {
    return toEmailPayload(JSON.parse(json));
  } catch {
    return null;
  }
}

// ——— Rules ———

const DEFAULT_MAX_ATTEMPTS = 8;
/**
 * Short, so that the rows of a process that was killed go out again within about a minute; a live
 * worker renews the lease of the message it is sending, however slow the mail server is.
 */
export const DEFAULT_LEASE_MS = 30_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/**
 * Wait before the next attempt after `failures` failed ones: 30 s, 1 min, 2 min … capped at 1 h,
 * plus up to 10 % jitter so that messages that failed together (mail server down) spread out.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  return Math.round(base * (1 + 0.1 * random()));
}

/** One line for last_error and the dashboard: the error code and message, no line breaks, no credentials in URLs. */
export function shortError(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  const text = `${typeof code === 'string' ? `${code}: ` : ''}${e.message}`
    .replace(/\s+/g, ' ')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

// ——— Worker ———

type LogFn = (details: Record<string, unknown>, message: string) => void;
/** The shape of a pino / Fastify logger (and of console). */
export interface OutboxLog {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}
const silent: OutboxLog = { info() {}, warn() {}, error() {} };

export interface OutboxWorkerOptions {
  db: Db;
  mailer: Mailer;
  /** Must differ between concurrent workers; the default is unique per process and instance. */
  workerId?: string;
  batchSize?: number;
  /** How long a claim holds rows; a crashed worker's rows become claimable again after it. */
  leaseMs?: number;
  /** The right-hand side of Message-IDs (the domain of MAIL_FROM). */
  messageIdDomain?: string;
  maxAttempts?: number;
  log?: OutboxLog;
  /** The clock that decides which messages are due and when a lease ends; the real one unless a test moves it. */
  now?: () => Date;
}

export interface RunResult {
  sent: number;
  failed: number;
  retried: number;
}

type Outcome = keyof RunResult;

export class OutboxWorker {
  readonly workerId: string;
  private readonly db: Db;
  private readonly mailer: Mailer;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly messageIdDomain: string;
  private readonly log: OutboxLog;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopRequested = false;

  constructor(o: OutboxWorkerOptions) {
    this.db = o.db;
    this.mailer = o.mailer;
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.batchSize = o.batchSize ?? 20;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxAttempts = o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.messageIdDomain = o.messageIdDomain ?? 'localhost';
    this.log = o.log ?? silent;
    this.now = o.now ?? (() => new Date());
  }

  /** Claims one batch of due messages and tries each once, at `now` (the worker's clock unless given). */
  async runOnce(now: Date = this.now()): Promise<RunResult> {
    // A clock that starts at `now` and runs in real time, so injected times still advance.
    const startedAt = performance.now();
    const clock = () => new Date(now.getTime() + (performance.now() - startedAt));
    const lockedUntil = new Date(now.getTime() + this.leaseMs);
    const rows = await claimDueRows(this.db, {
      workerId: this.workerId,
      kinds: [EMAIL],
      now: now.toISOString(),
      lockedUntil: lockedUntil.toISOString(),
      limit: this.batchSize,
    });

    const result: RunResult = { sent: 0, failed: 0, retried: 0 };
    for (const [i, row] of rows.entries()) {
      if (this.stopRequested || this.leaseRunningOut(clock(), lockedUntil)) {
        // Stopping, or past half the lease (another worker may take these rows soon): hand the rest back at once.
        await releaseClaims(this.db.kysely, rows.slice(i).map((r) => r.id), this.workerId);
        break;
      }
      result[await this.deliver(row, clock)]++;
    }
    return result;
  }

  private leaseRunningOut(at: Date, lockedUntil: Date): boolean {
    return lockedUntil.getTime() - at.getTime() < this.leaseMs / 2;
  }

  private async deliver(row: OutboxRow, clock: () => Date): Promise<Outcome> {
    const message = parseEmailPayload(row.payload);
    // A payload that cannot be read will not become readable by waiting: give up at once.
    if (!message) return this.handleFailure(row, new Error('unreadable email payload'), clock(), true);
    try {
      const messageId = `<${row.message_token}@${this.messageIdDomain}>`;
      await this.holdingLease(row.id, clock, () => this.mailer.send({ ...message, messageId }));
    } catch (err) {
      return this.handleFailure(row, err, clock(), false);
    }
    if (!(await markSent(this.db.kysely, row.id, this.workerId, clock().toISOString()))) {
      this.log.warn({ outboxId: row.id, workerId: this.workerId }, 'outbox: lease lost while sending; the message may be sent twice');
    }
    return 'sent';
  }

  /** Renews the row's lease every third of it while `work` runs, so that no other worker takes over a slow send. */
  private async holdingLease<T>(id: number, clock: () => Date, work: () => Promise<T>): Promise<T> {
    let done = false;
    const renew = () => {
      const until = new Date(clock().getTime() + this.leaseMs).toISOString();
      renewClaim(this.db.kysely, id, this.workerId, until).then(
        (held) => {
          if (!held && !done) this.log.warn({ outboxId: id, workerId: this.workerId }, 'outbox: lease lost while sending; the message may be sent twice');
        },
        (err: unknown) => this.log.warn({ outboxId: id, error: shortError(err) }, 'outbox: could not renew the lease'),
      );
    };
    const timer = setInterval(renew, this.leaseMs / 3);
    // A send that never settles (a test double; real sends time out) must not keep the process alive.
    timer.unref();
    try {
      return await work();
    } finally {
      done = true;
      clearInterval(timer);
    }
  }

  private async handleFailure(row: OutboxRow, err: unknown, at: Date, permanent: boolean): Promise<Outcome> {
    const attempts = row.attempts + 1;
    const giveUp = permanent || attempts >= this.maxAttempts;
    const lastError = shortError(err);
    const nextAttemptAt = giveUp ? at : new Date(at.getTime() + retryDelayMs(attempts));
    const status: Extract<OutboxStatus, 'pending' | 'failed'> = giveUp ? 'failed' : 'pending';
    await recordFailure(this.db.kysely, row.id, this.workerId, {
      attempts,
      lastError,
      status,
      nextAttemptAt: nextAttemptAt.toISOString(),
    });
    const details = { outboxId: row.id, attempts, error: lastError };
    if (giveUp) this.log.error(details, 'outbox: email failed for good');
    else this.log.warn({ ...details, nextAttemptAt: nextAttemptAt.toISOString() }, 'outbox: email failed, will retry');
    return giveUp ? 'failed' : 'retried';
  }

  /** Polls every `intervalMs`; a run still busy when the next tick comes is not overlapped. */
  start(intervalMs = 2000): void {
    if (this.timer) return;
    this.stopRequested = false;
    this.timer = setInterval(() => this.tick(), intervalMs);
    // The worker alone must not keep the process alive; stop() is the orderly way out.
    this.timer.unref();
  }

  /** Stops polling and waits for the run in progress, which hands back rows it has not started. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopRequested = true;
    try {
      await this.running;
    } finally {
      this.stopRequested = false;
    }
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Runs batches back to back while they come back full, so a backlog does not wait for the timer. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopRequested) {
        const r = await this.runOnce();
        if (r.sent + r.failed + r.retried < this.batchSize) break;
      }
    } catch (err) {
      this.log.error({ error: shortError(err) }, 'outbox: run failed');
    }
  }
}

// ——— Dashboard ———

export interface FailedEmail {
  id: number;
  created_at: string;
  attempts: number;
  last_error: string | null;
  recipient: string | null;
}

export interface WaitingEmail extends FailedEmail {
  next_attempt_at: string;
  /** A worker holds it right now. */
  sending: boolean;
}

export interface OutboxStats {
  counts: Record<OutboxStatus, number>;
  /** Waiting messages that have failed at least once: while this is above 0, mail is not getting through. */
  retrying: number;
  failed: FailedEmail[];
  waiting: WaitingEmail[];
}

const recipientOf = (r: { kind: string; payload: string }) => (r.kind === EMAIL ? (parseEmailPayload(r.payload)?.to ?? null) : null);

/**
 * Counts by status; the newest failed emails and the oldest waiting ones (none when `limit` is 0),
 * each with recipient, attempts and last error, so staff see an outage while it lasts.
 */
export async function outboxStats(db: Kysely<Database>, limit = 20, now: Date = new Date()): Promise<OutboxStats> {
  const [counts, retrying, failedRows, waitingRows] = await Promise.all([
    countByStatus(db),
    countRetrying(db),
    limit > 0 ? newestFailedRows(db, limit) : [],
    limit > 0 ? oldestWaitingRows(db, limit) : [],
  ]);
  const failed = failedRows.map((r) => ({ id: r.id, created_at: r.created_at, attempts: r.attempts, last_error: r.last_error, recipient: recipientOf(r) }));
  const waiting = waitingRows.map((r) => ({
    id: r.id,
    created_at: r.created_at,
    attempts: r.attempts,
    last_error: r.last_error,
    recipient: recipientOf(r),
    next_attempt_at: r.next_attempt_at,
    sending: r.locked_until !== null && r.locked_until > now.toISOString(),
  }));
  return { counts, retrying, failed, waiting };
}
