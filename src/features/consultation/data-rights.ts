import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { Database } from '#src/db/types.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import { toE164 } from '#src/features/settings/phone.ts';
import { anonymiseRequest, eraseOutboxRows, eventsOf, expiredRequests, outboxMentioning, requestsByEmail, requestsByPhone, setEventDetails } from './data-rights-queries.ts';
import { anonymisedFields, ERASED_OUTBOX_PAYLOAD, ERASED_OUTBOX_REASON, ERASED_PHONE_PREFIX, erasedPhone, keptEventDetails } from './erasure.ts';
import { isTheirs, readMessage, type HeldMessage } from './held-messages.ts';
import { insertEvent, type ConsultationRow } from './queries.ts';

/**
 * A person's rights over what the clinic holds about them: an admin finds it by phone or email (their
 * requests with their timelines, and the messages in the outbox to them or about them), gives them a
 * copy (a data file or a readable page) and erases it on request. Requests are
 * anonymised, not deleted (erasure.ts says what stays), so the clinic's statistics stay right. The
 * same anonymisation ends the retention period of closed and spam requests. Every search, export
 * and erasure is written to the audit log with counts and references, never with the data itself.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** How the person was found: the phone number in E.164, or the email address in lower case. */
export interface FoundBy {
  kind: 'phone' | 'email';
  value: string;
}

export interface HeldEvent {
  at: string;
  kind: string;
  /** JSON, as stored. */
  details: string;
  actor_name: string | null;
}

export interface HeldRequest extends ConsultationRow {
  events: HeldEvent[];
}

export interface Held {
  by: FoundBy;
  requests: HeldRequest[];
  messages: HeldMessage[];
  /** Other phone numbers and addresses these requests give: possibly the same person, to look up too. */
  otherContacts: string[];
  /** Sent back with the erase form, so that an erasure covers exactly what the admin saw. */
  fingerprint: string;
}

const count = z.coerce.number().int().min(0).max(1_000_000);

/** The search as typed in the query string, and what the last erasure did; anything odd is dropped rather than refused. */
export const dataRightsQuery = z.object({
  q: z.string().max(320).catch(''),
  erased: count.optional().catch(undefined),
  messages: count.catch(0),
});

/** The erase form: the search it confirms, the box ticked, and the fingerprint of what was shown. */
export const eraseForm = z.object({
  q: z.string().max(320).catch(''),
  confirm: z.string().optional().catch(undefined).transform((v) => v === 'yes'),
  seen: z.string().max(128).catch(''),
});

export type EraseResult =
  | { result: 'erased'; requests: number; messages: number }
  | { result: 'nothing' }
  | { result: 'unconfirmed' | 'changed' };

/** Requests anonymised per transaction by the retention job; a larger backlog takes several. */
const RETENTION_BATCH = 500;
const SYSTEM: Actor = { id: null, email: null, ip: null };

export class DataRights {
  private readonly db: Kysely<Database>;
  private readonly audit: AuditService;
  private readonly now: () => Date;
  private readonly clinicCountry: () => Promise<CountryCode>;

  constructor(deps: { db: Kysely<Database>; audit: AuditService; now: () => Date; clinicCountry: () => Promise<CountryCode> }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.now = deps.now;
    this.clinicCountry = deps.clinicCountry;
  }

  /** The services' clock, for the date on an export. */
  time(): Date {
    return this.now();
  }

  /**
   * A phone number as people type it ("0300-1234567", read for the clinic's country unless it
   * starts with + or 00), or an email address; undefined when the text is neither.
   */
  async identify(text: string): Promise<FoundBy | undefined> {
    const typed = text.trim();
    if (typed.includes('@')) return z.email().safeParse(typed).success ? { kind: 'email', value: typed.toLowerCase() } : undefined;
    const e164 = typed ? toE164(typed, await this.clinicCountry()) : null;
    return e164 ? { kind: 'phone', value: e164 } : undefined;
  }

  /** Everything held about the person, for the admin's page (audited as a view of health data). */
  async find(actor: Actor, by: FoundBy): Promise<Held> {
    const held = await gather(this.db, by);
    await this.audit.record(actor, { action: 'data-rights.searched', details: summary(held) });
    return held;
  }

  /** The same, for the readable copy given to the person. */
  async exportPage(actor: Actor, by: FoundBy): Promise<Held> {
    const held = await gather(this.db, by);
    await this.audit.record(actor, { action: 'data-rights.exported', details: { format: 'page', ...summary(held) } });
    return held;
  }

  /** The copy as a data file (JSON), with its file name. */
  async exportJson(actor: Actor, by: FoundBy): Promise<{ fileName: string; body: string }> {
    const held = await gather(this.db, by);
    await this.audit.record(actor, { action: 'data-rights.exported', details: { format: 'json', ...summary(held) } });
    const at = this.now().toISOString();
    return { fileName: `data-${at.slice(0, 10)}.json`, body: `${JSON.stringify(exportDocument(held, at), null, 2)}\n` };
  }

  /**
   * Erases, in one transaction, every request and message the admin saw for this person: requests
   * are anonymised, notes dropped from their timelines, messages overwritten (and never sent if
   * still waiting). Refused unless the admin confirmed and what is held is still what they saw.
   */
  async erase(actor: Actor, by: FoundBy, form: { confirmed: boolean; seen: string }): Promise<EraseResult> {
    return this.db.transaction().execute(async (tx): Promise<EraseResult> => {
      const held = await gather(tx, by);
      if (held.requests.length === 0 && held.messages.length === 0) {
        // Recorded too: the person's request was handled, and there was nothing to erase.
        await this.audit.record(actor, { action: 'data-rights.erased', details: { ...summary(held), events: 0 } }, tx);
        return { result: 'nothing' };
      }
      if (!form.confirmed) return { result: 'unconfirmed' };
      if (form.seen !== held.fingerprint) return { result: 'changed' };
      const at = this.now().toISOString();
      const done = await anonymise(tx, held.requests, { at, kind: 'erased', actorId: actor.id });
      await eraseOutboxRows(tx, held.messages.map((m) => m.id), { payload: ERASED_OUTBOX_PAYLOAD, reason: ERASED_OUTBOX_REASON, now: at });
      await this.audit.record(actor, { action: 'data-rights.erased', details: { ...summary(held), events: done.events } }, tx);
      return { result: 'erased', requests: held.requests.length, messages: held.messages.length };
    });
  }

  /**
   * The end of the retention period: closed and spam requests untouched for `retentionDays` are
   * anonymised as an erasure does it, with the messages sent to the patient about them, one
   * batch per transaction and one audit entry per batch (by the system). Safe to run in several
   * processes at once: a request already anonymised is skipped and not counted.
   */
  async anonymiseExpired(retentionDays: number, limit = RETENTION_BATCH): Promise<{ anonymised: number; more: boolean }> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    return this.db.transaction().execute(async (tx) => {
      const expired = await expiredRequests(tx, cutoff, ERASED_PHONE_PREFIX, limit);
      if (expired.length === 0) return { anonymised: 0, more: false };
      const at = now.toISOString();
      const done = await anonymise(tx, expired, { at, kind: 'anonymised', actorId: null });
      const mine = expired.filter((r) => done.ids.has(r.id));
      await eraseOutboxRows(tx, await messagesAbout(tx, mine), { payload: ERASED_OUTBOX_PAYLOAD, reason: ERASED_OUTBOX_REASON, now: at });
      if (mine.length > 0) {
        await this.audit.record(SYSTEM, { action: 'consultations.anonymised', details: { requests: mine.length, retentionDays, closedBefore: cutoff } }, tx);
      }
      return { anonymised: mine.length, more: expired.length === limit };
    });
  }
}

/** Counts and references for the audit log: how the person was found, never who they are. */
function summary(held: Held) {
  return { by: held.by.kind, requests: held.requests.length, messages: held.messages.length, references: held.requests.map((r) => r.reference) };
}

async function gather(db: Q, by: FoundBy): Promise<Held> {
  const rows = by.kind === 'phone' ? await requestsByPhone(db, by.value) : await requestsByEmail(db, by.value);
  // The contact details these requests give are the person's too: messages to them are theirs.
  const person = {
    addresses: new Set([...(by.kind === 'email' ? [by.value] : []), ...rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : []))]),
    phones: new Set([...(by.kind === 'phone' ? [by.value] : []), ...rows.map((r) => r.phone)]),
    references: new Set(rows.map((r) => r.reference)),
  };
  const [events, candidates] = await Promise.all([eventsOf(db, rows.map((r) => r.id)), outboxMentioning(db, [...person.addresses, ...person.phones, ...person.references])]);
  const messages = candidates.flatMap((row) => {
    const message = readMessage(row.kind, row.payload);
    return message && isTheirs(message, row.payload, person) ? [{ id: row.id, status: row.status, created_at: row.created_at, sent_at: row.sent_at, ...message }] : [];
  });
  const requests = rows.map((r) => ({ ...r, events: events.filter((e) => e.request_id === r.id).map(({ at, kind, details, actor_name }) => ({ at, kind, details, actor_name })) }));
  const otherContacts = [...person.addresses, ...person.phones].filter((c) => c !== by.value);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([rows.map((r) => r.id), messages.map((m) => m.id)]))
    .digest('hex')
    .slice(0, 32);
  return { by, requests, messages, otherContacts, fingerprint };
}

/**
 * Anonymises requests and their timelines and notes why in each timeline; returns the requests
 * this call changed (one anonymised already is left alone) and how many timeline entries lost text.
 */
async function anonymise(tx: Transaction<Database>, requests: readonly { id: number }[], o: { at: string; kind: 'erased' | 'anonymised'; actorId: number | null }): Promise<{ ids: Set<number>; events: number }> {
  const ids = new Set<number>();
  for (const r of requests) {
    if (await anonymiseRequest(tx, r.id, { ...anonymisedFields, phone: erasedPhone(r.id) }, ERASED_PHONE_PREFIX)) ids.add(r.id);
  }
  let events = 0;
  for (const e of await eventsOf(tx, [...ids])) {
    const kept = keptEventDetails(e.details);
    if (kept !== e.details) {
      await setEventDetails(tx, e.id, kept);
      events++;
    }
  }
  for (const id of ids) await insertEvent(tx, { requestId: id, at: o.at, kind: o.kind, actorId: o.actorId });
  return { ids, events };
}

/** Messages to the patient about these requests (to the request's address or number, naming its reference), and webhooks about them. */
async function messagesAbout(tx: Transaction<Database>, requests: readonly { reference: string; email: string | null; phone: string }[]): Promise<number[]> {
  const candidates = await outboxMentioning(tx, requests.map((r) => r.reference));
  return candidates
    .filter((row) => {
      const message = readMessage(row.kind, row.payload);
      const about = requests.filter((r) => row.payload.includes(r.reference));
      return message !== null && about.some((r) => isTheirs(message, row.payload, { addresses: new Set(r.email ? [r.email.toLowerCase()] : []), phones: new Set([r.phone]), references: new Set([r.reference]) }));
    })
    .map((row) => row.id);
}

/**
 * The copy given to the person: what they sent, what the clinic did with it, and the messages sent
 * to them or about them. Which member of staff handled what (timeline actors, assignees) is about the staff and left
 * out; the clinician of a booking stays, since the person was told in the invitation.
 */
function exportDocument(held: Held, at: string) {
  const json = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    exportedAt: at,
    foundBy: held.by,
    consultationRequests: held.requests.map((r) => ({
      reference: r.reference,
      receivedAt: r.created_at,
      status: r.status,
      name: r.full_name,
      phone: r.phone,
      email: r.email,
      replyVia: r.reply_via,
      preferredTime: r.preferred_time,
      timeZone: r.time_zone,
      country: r.country,
      city: r.city,
      condition: r.condition,
      message: r.message,
      language: r.lang,
      consentGivenAt: r.consent_at,
      privacyNoticeVersion: r.privacy_version,
      sentFromPage: r.source_path,
      referrer: r.referrer,
      campaignTags: json(r.utm),
      spamSignals: json(r.signals),
      urgent: r.urgent === 1,
      answerPromisedBy: r.respond_by,
      firstAnsweredAt: r.responded_at,
      outcome: r.outcome,
      lastChangedAt: r.updated_at,
      timeline: r.events.map((e) => ({ at: e.at, what: e.kind, details: withoutStaff(json(e.details)) })),
    })),
    messages: held.messages.map((m) => ({ createdAt: m.created_at, status: m.status, sentAt: m.sent_at, channel: m.channel, to: m.to, subject: m.subject, text: m.text, invitation: m.invitation })),
  };
}

/** Whom a request was given to is about the staff, not the person. */
function withoutStaff(details: unknown): unknown {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return details;
  const { assignee: _assignee, ...rest } = details as Record<string, unknown>;
  return rest;
}
