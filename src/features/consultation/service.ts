import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js';
import type { Database, Lang } from '#src/db/types.ts';
import { enqueueEmail } from '#src/jobs/outbox.ts';
import { parseRoles } from '#src/permissions.ts';
import { countHit, purgeExpiredCounters, subjectKey } from '#src/platform/rate-counter.ts';
import type { ProofOfWork } from '#src/platform/proof-of-work.ts';
import type { AuditService } from '#src/features/audit/service.ts';
import type { PagesService } from '#src/features/pages/service.ts';
import { isCountry } from '#src/features/settings/phone.ts';
import type { SettingsService } from '#src/features/settings/service.ts';
import type { TopicsService } from '#src/features/topics/service.ts';
import { clinicName } from '#src/web/clinic.ts';
import { patientConfirmation, staffNotice } from './emails.ts';
import type { ConsultationInput, FormEvidence } from './forms.ts';
import { coordinatorEmails, findPromise, insertEvent, insertRequest, referenceTaken, type NewConsultation } from './queries.ts';
import { consultationCreated } from '#src/jobs/consultation-webhook.ts';
import { enqueueTextMessage } from '#src/jobs/text-message.ts';
import { enqueueWebhook } from '#src/jobs/webhook.ts';
import { isReference, isSpam, mentionsEmergency, newReference, respondBy, signalsOf, utmTags, type ProofResult, type Signal } from './rules.ts';
import { formatWhen } from './when.ts';
import { ConsultationInbox } from './inbox.ts';
import { Bookings } from './booking.ts';
import { DataRights } from './data-rights.ts';
import { consultationReport, type Report } from './report.ts';

/** A household or a mobile network shared by many (carrier NAT) sends a few; a script sends many. */
export const ADDRESS_LIMITS = { windowMs: 3_600_000, spamAfter: 20, refuseAfter: 100 } as const;
/** Anxious patients send again; more than this in a day from one number is refused with a word to call instead. */
export const PHONE_LIMITS = { windowMs: 86_400_000, refuseAfter: 5 } as const;

export interface Submission {
  input: ConsultationInput;
  evidence: FormEvidence;
  lang: Lang;
  /** Posts from the client's address this hour, this one included (countAddress). */
  addressHits: number;
}

export type SubmitResult = { ok: true; reference: string; spam: boolean } | { ok: false; refused: 'phone-limit' };

export interface ConsultationDeps {
  db: Kysely<Database>;
  settings: SettingsService;
  pages: PagesService;
  topics: TopicsService;
  proofOfWork: ProofOfWork;
  audit: AuditService;
  baseUrl: string;
  now?: () => Date;
}

export class ConsultationService {
  private readonly d: ConsultationDeps;
  private readonly now: () => Date;
  /** The coordinators' side: inbox, request pages, changes, export (each audited). */
  readonly inbox: ConsultationInbox;
  /** Consultations booked for requests: invitations, reminders, changes, attendance. */
  readonly bookings: Bookings;
  /** A person's data: find, export, erase; and the retention rule. */
  readonly dataRights: DataRights;

  constructor(deps: ConsultationDeps) {
    this.d = deps;
    this.now = deps.now ?? (() => new Date());
    this.inbox = new ConsultationInbox({ db: deps.db, audit: deps.audit, settings: deps.settings, now: this.now });
    this.bookings = new Bookings({ db: deps.db, audit: deps.audit, settings: deps.settings, now: this.now });
    this.dataRights = new DataRights({ db: deps.db, audit: deps.audit, now: this.now, clinicCountry: () => this.clinicCountry() });
  }

  /** The conditions a patient may choose from: the clinic's condition topics, in the reader's language. */
  async conditions(lang: Lang): Promise<{ slug: string; title: string }[]> {
    // Every condition the clinic has, in the reader's language where it is translated (English otherwise),
    // so that the same choices are accepted whichever language the form is in.
    const english = await this.d.topics.list('en', 'condition');
    const translated = lang === 'en' ? [] : await this.d.topics.list(lang, 'condition');
    return english.map((t) => ({ slug: t.slug, title: translated.find((u) => u.slug === t.slug)?.title ?? t.title }));
  }

  async clinicCountry(): Promise<CountryCode> {
    const { country } = await this.d.settings.clinic();
    return isCountry(country) ? country : 'PK';
  }

  /** Counts a post from this address (every post, valid or not) and returns the posts in this hour so far. */
  async countAddress(address: string): Promise<number> {
    const key = subjectKey(await this.d.proofOfWork.hmacKey(), `address:${address}`);
    const now = this.now();
    this.purgeNowAndThen(now);
    return countHit(this.d.db, { scope: 'consultation-address', subject: key, windowMs: ADDRESS_LIMITS.windowMs, now });
  }

  private lastPurge = 0;

  /** Counters of windows that have ended are dropped every ten minutes or so, by whichever post comes then. */
  private purgeNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPurge < 600_000) return;
    this.lastPurge = now.getTime();
    // Not awaited: a post never waits for housekeeping, and a failed purge is simply tried again later.
    purgeExpiredCounters(this.d.db, now).catch(() => undefined);
  }

  /**
   * Stores a valid request and the emails it causes in one transaction, after the abuse checks: a
   * suspect request is kept in the spam folder (never dropped) and causes no email at all.
   */
  async submit(s: Submission): Promise<SubmitResult> {
    const now = this.now();
    const key = await this.d.proofOfWork.hmacKey();
    const phoneHits = await countHit(this.d.db, { scope: 'consultation-phone', subject: subjectKey(key, `phone:${s.input.phone}`), windowMs: PHONE_LIMITS.windowMs, now });
    if (phoneHits > PHONE_LIMITS.refuseAfter) return { ok: false, refused: 'phone-limit' };
    const proof: ProofResult = await this.d.proofOfWork.verify(s.evidence.proof);
    const signals = signalsOf({ honeypot: s.evidence.honeypot, fillMs: s.evidence.fillMs, proof, manyFromAddress: s.addressHits > ADDRESS_LIMITS.spamAfter });
    const spam = isSpam(signals);
    const reference = await this.freeReference();
    await this.store(s, { reference, signals, spam, proof, now });
    return { ok: true, reference, spam };
  }

  private async freeReference(): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const reference = newReference();
      if (!(await referenceTaken(this.d.db, reference))) return reference;
    }
    throw new Error('no free consultation reference after 5 tries');
  }

  private async store(s: Submission, o: { reference: string; signals: Signal[]; spam: boolean; proof: ProofResult; now: Date }): Promise<void> {
    const [clinic, staff, privacy] = await Promise.all([this.d.settings.clinic(), this.d.settings.staff(), this.d.pages.find('privacy', 'en')]);
    const { input } = s;
    const at = o.now.toISOString();
    const due = respondBy(o.now, staff.responseTargetHours);
    const urgent = mentionsEmergency(input.message, staff.emergencySigns);
    const recipients = o.spam ? [] : await this.staffRecipients();
    const values = {
        reference: o.reference,
        status: o.spam ? 'spam' : 'new',
        urgent: urgent ? 1 : 0,
        signals: JSON.stringify(o.signals),
        full_name: input.name,
        phone: input.phone,
        email: input.email,
        reply_via: input.replyVia,
        preferred_time: input.preferredTime,
        time_zone: input.timeZone,
        country: input.country,
        city: input.city,
        condition: input.condition,
        message: input.message,
        lang: s.lang,
        privacy_version: privacy ? `privacy ${privacy.updated_at}` : 'none',
        consent_at: at,
        source_path: input.source || null,
        referrer: input.referrer || null,
        utm: JSON.stringify(utmTags(input.source)),
        created_at: at,
        respond_by: due.toISOString(),
        updated_at: at,
      } satisfies NewConsultation;
    await this.d.db.transaction().execute(async (tx) => {
      const id = await insertRequest(tx, values);
      await insertEvent(tx, { requestId: id, at, kind: o.spam ? 'received-as-spam' : 'received', details: { signals: o.signals } });
      const link = `${this.d.baseUrl}/admin/consultations/${o.reference}`;
      for (const r of recipients) {
        await enqueueEmail(tx, { to: r.email, ...staffNotice({ lang: r.lang, clinic: clinic.name, reference: o.reference, urgent, link }) }, o.now);
      }
      if (o.spam) return;
      await enqueueWebhook(tx, consultationCreated(values, link), o.now);
      // A confirmation only where a person is known to have sent the form (its proof of work checked): otherwise the form could mail (or text, at the clinic's cost) anyone.
      if (o.proof !== 'ok') return;
      const by = formatWhen(s.lang, due, input.timeZone);
      const message = patientConfirmation({ lang: s.lang, clinic: clinicName(clinic, s.lang), reference: o.reference, replyVia: input.replyVia, by, emergency: clinic.emergency[s.lang] ?? clinic.emergency.en, phone: clinic.phone });
      if (input.email) await enqueueEmail(tx, { to: input.email, ...message }, o.now);
      else await enqueueTextMessage(tx, { to: input.phone, text: message.text, channel: input.replyVia === 'whatsapp' ? 'whatsapp' : 'sms', reference: o.reference }, o.now);
    });
  }

  /** Active coordinators, or the clinic's own address when the clinic has none yet. */
  private async staffRecipients(): Promise<{ email: string; lang: Lang }[]> {
    const users = await coordinatorEmails(this.d.db);
    const coordinators = users.filter((u) => parseRoles(u.roles).includes('coordinator')).map((u) => ({ email: u.email, lang: (u.lang === 'ur' ? 'ur' : 'en') as Lang }));
    if (coordinators.length > 0) return coordinators;
    return [{ email: (await this.d.settings.clinic()).email, lang: 'en' }];
  }

  /** The report of the last weeks: requests, time to first answer against the target, no-shows, sources. */
  async report(): Promise<Report> {
    return consultationReport(this.d.db, this.now(), (await this.d.settings.staff()).responseTargetHours);
  }

  /** What the thank-you page says: the reference, how and by when the clinic will answer. */
  async promise(reference: string): Promise<{ reference: string; by: Date; timeZone: string; replyVia: ConsultationInput['replyVia'] } | undefined> {
    if (!isReference(reference)) return undefined;
    const row = await findPromise(this.d.db, reference);
    return row && { reference: row.reference, by: new Date(row.respond_by), timeZone: row.time_zone, replyVia: row.reply_via };
  }
}
