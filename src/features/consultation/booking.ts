import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { BookingMode, Database, Lang } from '#src/db/types.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import type { ClinicSettings, SettingsService } from '#src/features/settings/service.ts';
import { cancelPendingEmail, enqueueEmail } from '#src/jobs/outbox.ts';
import { enqueueTextMessage } from '#src/jobs/text-message.ts';
import { clinicName } from '#src/web/clinic.ts';
import { phoneText } from '#src/web/phone.ts';
import { currentBooking, insertBooking, updateBooking, type BookingRow } from './booking-queries.ts';
import { invitationText, type BookingForm } from './booking-rules.ts';
import { zonedToUtc } from '#src/platform/time-zone.ts';
import { bookingEmail, type BookingNews } from './emails.ts';
import { findByReference, updateRequest } from './inbox-queries.ts';
import { insertEvent, type ConsultationRow } from './queries.ts';
import { isReference } from './rules.ts';
import { formatWhen } from './when.ts';

const REMINDER_BEFORE_MS = 24 * 3_600_000;

export type BookingResult = 'done' | 'not-found' | 'no-booking' | 'not-open' | 'no-such-time' | 'in-the-past' | 'not-yet';

type Tx = Transaction<Database>;

/**
 * Booking a consultation for a request, moving it, cancelling it, and recording whether the patient
 * came. The patient (when they gave an email) gets an invitation their calendar understands, an
 * updated one on every change, and a reminder a day before, all through the outbox.
 */
export class Bookings {
  private readonly db: Kysely<Database>;
  private readonly audit: AuditService;
  private readonly settings: SettingsService;
  private readonly now: () => Date;

  constructor(deps: { db: Kysely<Database>; audit: AuditService; settings: SettingsService; now: () => Date }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.settings = deps.settings;
    this.now = deps.now;
  }

  current(requestId: number): Promise<BookingRow | undefined> {
    return currentBooking(this.db, requestId);
  }

  /** A new booking, or new details for the one that stands (the patient gets the updated invitation). */
  async book(actor: Actor, reference: string, form: BookingForm): Promise<BookingResult> {
    const request = await this.request(reference);
    if (!request) return 'not-found';
    if (request.status === 'closed' || request.status === 'spam') return 'not-open';
    const clinic = await this.settings.clinic();
    const start = zonedToUtc(form.date, form.time, clinic.timeZone);
    if (!start) return 'no-such-time';
    const now = this.now();
    if (start <= now) return 'in-the-past';
    const at = now.toISOString();
    const existing = await currentBooking(this.db, request.id);
    const details = { starts_at: start.toISOString(), minutes: form.minutes, mode: form.mode, location: form.location, clinician: form.clinician };
    await this.db.transaction().execute(async (tx) => {
      let booking: BookingRow;
      if (existing && existing.status === 'booked') {
        if (existing.reminder_outbox_id) await cancelPendingEmail(tx, existing.reminder_outbox_id);
        booking = { ...existing, ...details, sequence: existing.sequence + 1 };
      } else {
        const row = { request_id: request.id, ...details, status: 'booked' as const, uid: `${randomBytes(12).toString('hex')}@caresite`, sequence: 0, reminder_outbox_id: null, created_at: at, updated_at: at };
        booking = { ...row, id: await insertBooking(tx, row) };
      }
      const reminder = await this.tellPatient(tx, clinic, request, booking, existing?.status === 'booked' ? 'moved' : 'booked', now);
      await updateBooking(tx, booking.id, { ...details, sequence: booking.sequence, reminder_outbox_id: reminder ?? null }, at);
      if (request.status !== 'booked') await updateRequest(tx, request.id, { status: 'booked', ...(request.responded_at ? {} : { responded_at: at }) }, at);
      const kind = existing?.status === 'booked' ? 'rebooked' : 'booked';
      await insertEvent(tx, { requestId: request.id, at, kind, actorId: actor.id, details });
      await this.audit.record(actor, { action: `consultation.${kind}`, target: { type: 'consultation', id: reference }, details }, tx);
    });
    return 'done';
  }

  async cancel(actor: Actor, reference: string): Promise<BookingResult> {
    const request = await this.request(reference);
    if (!request) return 'not-found';
    const booking = await currentBooking(this.db, request.id);
    if (!booking || booking.status !== 'booked') return 'no-booking';
    const now = this.now();
    const at = now.toISOString();
    // Read before the transaction: on SQLite the transaction holds the one connection.
    const clinic = await this.settings.clinic();
    await this.db.transaction().execute(async (tx) => {
      if (booking.reminder_outbox_id) await cancelPendingEmail(tx, booking.reminder_outbox_id);
      const cancelled = { ...booking, status: 'cancelled' as const, sequence: booking.sequence + 1 };
      await this.tellPatient(tx, clinic, request, cancelled, 'cancelled', now);
      await updateBooking(tx, booking.id, { status: 'cancelled', sequence: cancelled.sequence, reminder_outbox_id: null }, at);
      await updateRequest(tx, request.id, { status: 'in_progress' }, at);
      await insertEvent(tx, { requestId: request.id, at, kind: 'booking-cancelled', actorId: actor.id, details: { starts_at: booking.starts_at } });
      await this.audit.record(actor, { action: 'consultation.booking-cancelled', target: { type: 'consultation', id: reference }, details: { starts_at: booking.starts_at } }, tx);
    });
    return 'done';
  }

  /** After the time: did the patient come? (The overview's no-show rate counts these.) */
  async attendance(actor: Actor, reference: string, outcome: 'attended' | 'no_show'): Promise<BookingResult> {
    const request = await this.request(reference);
    if (!request) return 'not-found';
    const booking = await currentBooking(this.db, request.id);
    if (!booking || booking.status !== 'booked') return 'no-booking';
    const now = this.now();
    // Whether someone came can only be said once the consultation has begun.
    if (Date.parse(booking.starts_at) > now.getTime()) return 'not-yet';
    const at = now.toISOString();
    await this.db.transaction().execute(async (tx) => {
      if (booking.reminder_outbox_id) await cancelPendingEmail(tx, booking.reminder_outbox_id);
      await updateBooking(tx, booking.id, { status: outcome, reminder_outbox_id: null }, at);
      // The consultation has taken place (or not): the request is done, and retention counts from here.
      await updateRequest(tx, request.id, { status: 'closed', outcome: outcome === 'attended' ? 'booked' : 'no-show' }, at);
      await insertEvent(tx, { requestId: request.id, at, kind: outcome, actorId: actor.id, details: { starts_at: booking.starts_at } });
      await this.audit.record(actor, { action: `consultation.${outcome}`, target: { type: 'consultation', id: reference } }, tx);
    });
    return 'done';
  }

  private request(reference: string): Promise<ConsultationRow | undefined> {
    return isReference(reference) ? findByReference(this.db, reference) : Promise.resolve(undefined);
  }

  /**
   * The invitation (or its cancellation) now, and the reminder a day before; returns the reminder's
   * outbox id. By email with a calendar invitation when the patient gave an address; otherwise by
   * text message on the channel they chose, when the clinic has set up that gateway.
   */
  private async tellPatient(tx: Tx, clinic: ClinicSettings, request: ConsultationRow, booking: BookingRow, news: BookingNews, now: Date): Promise<number | undefined> {
    const lang: Lang = request.lang === 'ur' ? 'ur' : 'en';
    const start = new Date(booking.starts_at);
    const message = (n: BookingNews) =>
      bookingEmail({ news: n, lang, clinic: clinicName(clinic, lang), reference: request.reference, when: formatWhen(lang, start, request.time_zone), how: howText(lang, booking.mode, booking.location, request.phone), clinician: booking.clinician, phone: clinic.phone });
    const remindAt = new Date(start.getTime() - REMINDER_BEFORE_MS);
    const remind = news !== 'cancelled' && remindAt > now;
    if (!request.email) {
      const text = { to: request.phone, channel: request.reply_via === 'whatsapp' ? ('whatsapp' as const) : ('sms' as const), reference: request.reference };
      await enqueueTextMessage(tx, { ...text, text: message(news).text }, now);
      return remind ? ((await enqueueTextMessage(tx, { ...text, text: message('reminder').text }, now, { notBefore: remindAt })) ?? undefined) : undefined;
    }
    const invitation = await invitationText({
      uid: booking.uid, sequence: booking.sequence, start, minutes: booking.minutes, cancelled: news === 'cancelled',
      title: `${clinicName(clinic, lang)}: ${lang === 'ur' ? 'مشورہ' : 'consultation'} ${request.reference}`,
      description: message(news).text, location: booking.mode === 'in_person' ? booking.location : howText(lang, booking.mode, booking.location, request.phone),
      organizer: { name: clinic.name, email: clinic.email }, attendee: { name: request.full_name, email: request.email },
    });
    await enqueueEmail(tx, { to: request.email, ...message(news), icalEvent: { method: news === 'cancelled' ? 'CANCEL' : 'REQUEST', content: invitation } }, now);
    return remind ? enqueueEmail(tx, { to: request.email, ...message('reminder') }, now, { notBefore: remindAt }) : undefined;
  }
}

function howText(lang: Lang, mode: BookingMode, location: string, phone: string): string {
  const ur = lang === 'ur';
  if (mode === 'in_person') return ur ? `کلینک میں: ${location}` : `In person: ${location}`;
  if (mode === 'video') return ur ? 'ویڈیو کال (لنک ہم بھیجیں گے)' : 'Video call (we will send you the link)';
  return ur ? `فون کال، ${phoneText(phone)} پر` : `Phone call to ${phoneText(phone)}`;
}
