import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ConsultationStatus, Database } from '#src/db/types.ts';
import { csvCell, type Actor, type AuditService } from '#src/features/audit/service.ts';
import { can, parseRoles } from '#src/permissions.ts';
import type { SettingsService } from '#src/features/settings/service.ts';
import { enqueueEmail } from '#src/jobs/outbox.ts';
import { isCountry, toE164 } from '#src/features/settings/phone.ts';
import { clinicName } from '#src/web/clinic.ts';
import { activeStaff, countByStatus, findByReference, listRequests, openAlerts, sameSender, timeline, updateRequest, type InboxFilter } from './inbox-queries.ts';
import { insertEvent, type ConsultationRow } from './queries.ts';
import { currentBooking, type BookingRow } from './booking-queries.ts';
import { closeOutcomes, contactOutcomes, isReference, replyChannels } from './rules.ts';

/**
 * The coordinators' side of consultation requests: the inbox, a request's page and what they do
 * with it. Every list, view, change and export is written to the audit log, since each shows or
 * changes a patient's health data.
 */

const statuses = ['new', 'in_progress', 'booked', 'closed', 'spam'] as const;
const day = /^\d{4}-\d{2}-\d{2}$/;

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The filter from the inbox's query string; anything unexpected is dropped rather than refused. */
export const inboxQuery = z.object({
  status: z.enum(statuses).catch('new'),
  // An empty select ("any") sends '', which means no filter, not "nobody" or an empty condition.
  condition: z.preprocess(emptyAsUndefined, z.string().max(120).optional()).catch(undefined),
  assignee: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).optional()).catch(undefined),
  lang: z.enum(['en', 'ur']).optional().catch(undefined),
  from: z.string().regex(day).optional().catch(undefined),
  to: z.string().regex(day).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** A change a coordinator makes, as posted; checked here, so every route shares one set of rules. */
export const inboxAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), assignee: z.coerce.number().int().min(0) }),
  z.object({ action: z.literal('note'), note: z.string().trim().min(1, 'field.required').max(2000, 'field.tooLong') }),
  z.object({ action: z.literal('contact'), channel: z.enum(replyChannels), outcome: z.enum(contactOutcomes), note: z.string().trim().max(2000, 'field.tooLong') }),
  z.object({ action: z.literal('responded') }),
  z.object({ action: z.literal('close'), outcome: z.enum(closeOutcomes, 'consult.inbox.error.outcome'), explain: z.literal('yes').optional() }),
  z.object({ action: z.literal('reopen') }),
]);
export type InboxAction = z.infer<typeof inboxAction>;

const PAGE_SIZE = 50;
const DUPLICATE_DAYS = 90;

export interface RequestPage {
  request: ConsultationRow;
  duplicates: Awaited<ReturnType<typeof sameSender>>;
  events: Awaited<ReturnType<typeof timeline>>;
  booking: BookingRow | undefined;
}

export class ConsultationInbox {
  private readonly db: Kysely<Database>;
  private readonly audit: AuditService;
  private readonly now: () => Date;
  private readonly settings: SettingsService;

  constructor(deps: { db: Kysely<Database>; audit: AuditService; settings: SettingsService; now: () => Date }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.settings = deps.settings;
    this.now = deps.now;
  }

  async list(actor: Actor, filter: InboxFilter, page: number): Promise<{ rows: ConsultationRow[]; more: boolean; counts: Record<ConsultationStatus, number> }> {
    const rows = await listRequests(this.db, await this.withPhone(filter), PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
    await this.audit.record(actor, { action: 'consultations.listed', details: { filter: auditedFilter(filter), page, shown: Math.min(rows.length, PAGE_SIZE) } });
    return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE, counts: await countByStatus(this.db) };
  }

  /** A search that is a phone number as people type it ("0300-1234567") also finds the number stored in E.164. */
  private async withPhone(filter: InboxFilter): Promise<InboxFilter> {
    if (!filter.q || !/\d{4}/.test(filter.q)) return filter;
    const { country } = await this.settings.clinic();
    const phone = toE164(filter.q, isCountry(country) ? country : 'PK');
    return phone ? { ...filter, phone } : filter;
  }

  /** The services' clock, so that time left is shown as the deadlines were set (tests move it). */
  time(): Date {
    return this.now();
  }

  /** For the overview: new requests, and open ones that are urgent or past their response target. */
  async waiting(): Promise<{ fresh: number; urgent: number; overdue: number }> {
    const [counts, alerts] = await Promise.all([countByStatus(this.db), openAlerts(this.db, this.now().toISOString())]);
    return { fresh: counts.new, ...alerts };
  }

  async view(actor: Actor, reference: string): Promise<RequestPage | undefined> {
    if (!isReference(reference)) return undefined;
    const request = await findByReference(this.db, reference);
    if (!request) return undefined;
    const since = new Date(Date.parse(request.created_at) - DUPLICATE_DAYS * 86_400_000).toISOString();
    const [duplicates, events, booking] = await Promise.all([sameSender(this.db, request, since), timeline(this.db, request.id), currentBooking(this.db, request.id)]);
    await this.audit.record(actor, { action: 'consultation.viewed', target: { type: 'consultation', id: reference } });
    return { request, duplicates, events, booking };
  }

  /** Staff a request can be given to: active accounts whose roles handle consultations. */
  async assignable(): Promise<{ id: number; name: string }[]> {
    return (await activeStaff(this.db)).filter((u) => can(parseRoles(u.roles), 'consultations.handle')).map((u) => ({ id: u.id, name: u.name }));
  }

  /** Applies a change with its timeline entry and its audit entry in one transaction. */
  async act(actor: Actor, reference: string, change: InboxAction): Promise<'done' | 'not-found' | 'not-assignable'> {
    const request = isReference(reference) ? await findByReference(this.db, reference) : undefined;
    if (!request) return 'not-found';
    if (change.action === 'assign' && change.assignee !== 0 && !(await this.assignable()).some((u) => u.id === change.assignee)) return 'not-assignable';
    const now = this.now();
    const at = now.toISOString();
    const { changes, details } = effectOf(request, change, at);
    // Read before the transaction: on SQLite the transaction holds the one connection.
    const explanation = change.action === 'close' && change.outcome === 'not-suitable' && change.explain === 'yes' && request.email ? await this.explanation(request) : undefined;
    await this.db.transaction().execute(async (tx) => {
      if (explanation && request.email) {
        await enqueueEmail(tx, { to: request.email, ...explanation }, now);
        details.explained = true;
      }
      if (Object.keys(changes).length > 0) await updateRequest(tx, request.id, changes, at);
      await insertEvent(tx, { requestId: request.id, at, kind: change.action, actorId: actor.id, details });
      await this.audit.record(actor, { action: `consultation.${change.action}`, target: { type: 'consultation', id: reference }, details: { ...withoutNote(details), ...changes } }, tx);
    });
    return 'done';
  }

  /** The clinic's own words for "not suitable", in the patient's language, with their name and reference filled in. */
  private async explanation(request: ConsultationRow): Promise<{ subject: string; text: string }> {
    const [staff, clinic] = await Promise.all([this.settings.staff(), this.settings.clinic()]);
    const lang = request.lang === 'ur' && staff.notSuitableText.ur ? 'ur' : 'en';
    const name = clinicName(clinic, lang);
    const template = staff.notSuitableText[lang] ?? staff.notSuitableText.en;
    const text = template.replace(/\{(name|reference|clinic)\}/g, (_m, key: string) => (key === 'name' ? request.full_name : key === 'reference' ? request.reference : name));
    return { subject: lang === 'ur' ? `${name}: آپ کی درخواست ${request.reference}` : `${name}: your request ${request.reference}`, text: `${text}\n` };
  }

  /** The filtered list as CSV (every page of it), recorded in the audit log with its filter. */
  async csv(actor: Actor, filter: InboxFilter): Promise<string> {
    const rows = await listRequests(this.db, await this.withPhone(filter), 100_000, 0);
    await this.audit.record(actor, { action: 'consultations.exported', details: { filter: auditedFilter(filter), rows: rows.length } });
    const columns = ['reference', 'status', 'urgent', 'created_at', 'respond_by', 'responded_at', 'full_name', 'phone', 'email', 'reply_via', 'preferred_time', 'time_zone', 'country', 'city', 'condition', 'message', 'lang', 'outcome', 'source_path', 'referrer'] as const;
    const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
    return `${lines.join('\r\n')}\r\n`;
  }
}

// The audit log cannot be changed, so it never holds what a person's data could be erased from: a
// note's text or the words searched for (a name, a number) are recorded as being there, not copied.
function auditedFilter(f: InboxFilter): Record<string, unknown> {
  const { q, ...rest } = f;
  return q ? { ...rest, searched: true } : rest;
}

function withoutNote(details: Record<string, unknown>): Record<string, unknown> {
  const { note, ...rest } = details;
  return note === undefined ? rest : { ...rest, note: true };
}

type Changes = Partial<Pick<ConsultationRow, 'status' | 'assignee_id' | 'responded_at' | 'outcome'>>;

/** What a change does to a request (status, first response, outcome) and what its timeline entry keeps. */
function effectOf(request: ConsultationRow, change: InboxAction, at: string): { changes: Changes; details: Record<string, unknown> } {
  const started: Changes = request.status === 'new' ? { status: 'in_progress' } : {};
  switch (change.action) {
    case 'assign':
      return { changes: { ...started, assignee_id: change.assignee === 0 ? null : change.assignee }, details: { assignee: change.assignee || null } };
    case 'note':
      return { changes: {}, details: { note: change.note } };
    case 'contact': {
      // Reaching the patient is the first response; an unanswered call is not.
      const first: Changes = change.outcome === 'reached' && !request.responded_at ? { responded_at: at } : {};
      return { changes: { ...started, ...first }, details: { channel: change.channel, outcome: change.outcome, ...(change.note ? { note: change.note } : {}) } };
    }
    case 'responded':
      return { changes: { ...started, ...(request.responded_at ? {} : { responded_at: at }) }, details: {} };
    case 'close':
      return { changes: { status: change.outcome === 'spam' ? 'spam' : 'closed', outcome: change.outcome }, details: { outcome: change.outcome } };
    case 'reopen':
      return { changes: { status: request.responded_at ? 'in_progress' : 'new', outcome: null }, details: { from: request.status } };
  }
}
