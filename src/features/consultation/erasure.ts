import type { ConsultationRequestsTable } from '#src/db/types.ts';

/**
 * What anonymising a consultation request leaves behind, field by field: the same for an erasure a
 * person asked for and for the end of the retention period. Everything that says who the person is,
 * how to reach them or what they wrote goes; what the clinic's statistics need stays (reference,
 * status, urgency, spam signals, dates, response times, assignee, country and time zone, condition,
 * outcome, consent record). The condition is health data, but once name, contact details, city and
 * message are gone it is tied to nobody.
 */

/** Starts every erased phone: no real number in E.164 starts so, and the inbox's digit search never matches it. */
export const ERASED_PHONE_PREFIX = 'erased:';

/**
 * A phone value for an anonymised request: unique per request (so erased requests are not listed as
 * each other's duplicates, which match on phone) and made of letters only, so no digit search finds it.
 */
export function erasedPhone(requestId: number): string {
  return ERASED_PHONE_PREFIX + String(requestId).replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');
}

type Identifying = Pick<ConsultationRequestsTable, 'full_name' | 'email' | 'city' | 'message' | 'source_path' | 'referrer' | 'utm'>;

/** The identifying fields of a request once anonymised (the phone is erasedPhone's). */
export const anonymisedFields: Readonly<Identifying> = Object.freeze({
  full_name: '—',
  email: null,
  city: '',
  message: '',
  // The page, the referring address and the campaign tags can point at one person (a link sent to them).
  source_path: null,
  referrer: null,
  utm: '{}',
});

/**
 * Timeline details that can stay: codes, ids and times written by the app, never text someone typed.
 * Anything else (a note, a booking's location and clinician as typed, and any field a later change
 * adds) is dropped, so a new free-text field is erased unless someone decides here that it may stay.
 */
const keptDetailKeys = new Set(['signals', 'assignee', 'channel', 'outcome', 'from', 'starts_at', 'minutes', 'mode']);

/** A timeline entry's details (JSON) with everything but the kept codes removed; unreadable details become {}. */
export function keptEventDetails(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return '{}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '{}';
  const kept = Object.entries(parsed).filter(([key]) => keptDetailKeys.has(key));
  return JSON.stringify(Object.fromEntries(kept));
}

/** What an outbox email to the person becomes: unreadable to the worker (so never sent), with no address left. */
export const ERASED_OUTBOX_PAYLOAD = JSON.stringify({ erased: true });
/** Why an email that was still waiting will not be sent (shown on the outbox page as its last error). */
export const ERASED_OUTBOX_REASON = 'not sent: the address was erased';
