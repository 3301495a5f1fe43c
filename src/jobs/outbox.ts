import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '#src/db/connection.ts';
import type { Database, OutboxRow } from '#src/db/types.ts';
import { readIntegrations } from './integrations.ts';
import { emailRecipient, emailSender, toEmailPayload, type EmailMessage } from './email-sender.ts';
import { HTTP_TIMEOUT_MS } from './http-delivery.ts';
import type { Mailer } from './mailer.ts';
import {
  claimDueRows,
  countByStatus,
  countRetrying,
  deletePendingRow,
  insertOutboxRow,
  markSent,
  newestFailedRows,
  oldestWaitingRows,
  recordFailure,
  releaseClaims,
  renewClaim,
  type OutboxStatus,
} from './outbox-queries.ts';
import { EMAIL, TEXT_MESSAGE, UnreadablePayload, WEBHOOK, type OutboxSender } from './outbox-sender.ts';
import { textMessageSender, textRecipient } from './text-message.ts';
import { webhookHost, webhookSender } from './webhook.ts';

// The transactional outbox: a change and the messages it causes (email, a CRM webhook, an SMS or
// WhatsApp message) are written in one transaction, and a worker in any app process delivers them
// later, retrying with backoff while the other side is down. Delivery is at-least-once by nature
// (the other side accepted, then the process died before marking the row sent); the claim lease,
// renewed while a message is being sent, makes sure two live workers never send the same row, and
// every attempt carries the row's one token (Message-ID, webhook delivery id) so that the receiver
// can drop the duplicate. Each kind has its sender; the rules (lease, backoff, giving up) are one.

/**
 * Pass the caller's transaction, so that the mail exists if and only if the change it reports does.
 * `notBefore` holds it until then (a reminder); such a message can be taken back with `cancelPendingEmail`.
 */
export async function enqueueEmail(
  db: Kysely<Database> | Transaction<Database>,
  message: EmailMessage,
  now: Date = new Date(),
  o: { notBefore?: Date } = {},
): Promise<number> {
  const payload = toEmailPayload(message);
  if (!payload) throw new TypeError('enqueueEmail: to, subject and text must be strings, to and subject not empty');
  const due = o.notBefore && o.notBefore > now ? o.notBefore : now;
  return insertOutboxRow(db, { kind: EMAIL, payload: JSON.stringify(payload), now: now.toISOString(), dueAt: due.toISOString(), messageToken: randomBytes(16).toString('hex') });
}

/**
 * Takes back a message nobody has started sending (a reminder for a booking that moved); false when
 * it is gone or under way. Any kind: a text-message reminder is taken back the same way.
 */
export function cancelPendingEmail(db: Kysely<Database> | Transaction<Database>, id: number): Promise<boolean> {
  return deletePendingRow(db, id);
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
  /** Emails are claimed only by a worker that has a mailer; webhooks and text messages by every worker. */
  mailer?: Mailer;
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
  /** How long a webhook or gateway may take to answer. */
  httpTimeoutMs?: number;
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
  /** kind → how it is delivered; the kinds claimed are this map's keys. */
  private readonly senders: ReadonlyMap<string, OutboxSender>;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly log: OutboxLog;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopRequested = false;

  constructor(o: OutboxWorkerOptions) {
    this.db = o.db;
    const httpTimeoutMs = o.httpTimeoutMs ?? HTTP_TIMEOUT_MS;
    this.senders = new Map([
      ...(o.mailer ? [[EMAIL, emailSender(o.mailer, o.messageIdDomain ?? 'localhost')] as const] : []),
      [WEBHOOK, webhookSender(o.db.kysely, httpTimeoutMs)],
      [TEXT_MESSAGE, textMessageSender(o.db.kysely, httpTimeoutMs)],
    ]);
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.batchSize = o.batchSize ?? 20;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxAttempts = o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
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
      kinds: [...this.senders.keys()],
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
    const sender = this.senders.get(row.kind);
    // Rows are claimed by the kinds this worker has senders for; should one slip through, it counts as a failed attempt.
    if (!sender) return this.handleFailure(row, new Error(`no sender for ${row.kind}`), clock(), false);
    try {
      await this.holdingLease(row.id, clock, () => sender.send(row, clock()));
    } catch (err) {
      return this.handleFailure(row, err, clock(), err instanceof UnreadablePayload);
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
    const details = { outboxId: row.id, kind: row.kind, attempts, error: lastError };
    if (giveUp) this.log.error(details, `outbox: ${row.kind} failed for good`);
    else this.log.warn({ ...details, nextAttemptAt: nextAttemptAt.toISOString() }, `outbox: ${row.kind} failed, will retry`);
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

/** Any kind of message, despite the name (kept for the dashboard's imports). */
export interface FailedEmail {
  id: number;
  /** email, webhook or text-message */
  kind: string;
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

/** Who a message goes to, in a form staff may see: an address, the webhook's host, a masked number. */
function recipientOf(r: { kind: string; payload: string }, currentWebhookHost: string | null): string | null {
  if (r.kind === EMAIL) return emailRecipient(r.payload);
  if (r.kind === WEBHOOK) return currentWebhookHost;
  if (r.kind === TEXT_MESSAGE) return textRecipient(r.payload);
  return null;
}

/**
 * Counts by status; the newest failed messages and the oldest waiting ones (none when `limit` is 0),
 * each with recipient, attempts and last error, so staff see an outage while it lasts.
 */
export async function outboxStats(db: Kysely<Database>, limit = 20, now: Date = new Date()): Promise<OutboxStats> {
  const [counts, retrying, failedRows, waitingRows] = await Promise.all([
    countByStatus(db),
    countRetrying(db),
    limit > 0 ? newestFailedRows(db, limit) : [],
    limit > 0 ? oldestWaitingRows(db, limit) : [],
  ]);
  // A webhook row holds no URL (it goes where the settings say at each attempt): show where that is now.
  const hasWebhook = [...failedRows, ...waitingRows].some((r) => r.kind === WEBHOOK);
  const host = hasWebhook ? webhookHost((await readIntegrations(db)).webhook.url) : null;
  const entry = (r: (typeof failedRows)[number]) => ({ id: r.id, kind: r.kind, created_at: r.created_at, attempts: r.attempts, last_error: r.last_error, recipient: recipientOf(r, host) });
  const failed = failedRows.map(entry);
  const waiting = waitingRows.map((r) => ({
    ...entry(r),
    next_attempt_at: r.next_attempt_at,
    sending: r.locked_until !== null && r.locked_until > now.toISOString(),
  }));
  return { counts, retrying, failed, waiting };
}
