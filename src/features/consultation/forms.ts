import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { isCountry, toE164 } from '#src/features/settings/phone.ts';
import { formLine, formText } from '#src/web/forms.ts';
import { MESSAGE_MAX } from '#src/web/consult-parts.ts';
import { isTimeZone, preferredTimes, replyChannels, sitePath } from './rules.ts';

/**
 * The consultation form as typed (strings, so that a form with mistakes comes back exactly as it
 * was sent) and the schema that turns it into a request. Every message is a catalog key.
 */

type Body = Record<string, unknown>;

export interface ConsultationForm {
  name: string;
  phone: string;
  country: string;
  email: string;
  replyVia: string;
  preferredTime: string;
  timeZone: string;
  city: string;
  condition: string;
  message: string;
  consent: boolean;
  /** The page the form was sent from (a short form on an article), and the address that led the reader to the site. */
  source: string;
  referrer: string;
}

/** What the abuse defences read from a post; never shown again. */
export interface FormEvidence {
  honeypot: string;
  fillMs: number | undefined;
  proof: string | undefined;
}


export function emptyForm(defaults: { country: string; timeZone: string }): ConsultationForm {
  return {
    name: '', phone: '', country: defaults.country, email: '', replyVia: 'phone', preferredTime: 'any', timeZone: defaults.timeZone,
    city: '', condition: '', message: '', consent: false, source: '', referrer: '',
  };
}

export function readConsultationForm(body: Body, defaults: { country: string; timeZone: string }): ConsultationForm {
  const country = formLine(body.country, 4).toUpperCase();
  const timeZone = formLine(body.timeZone, 64);
  return {
    name: formLine(body.name, 200),
    phone: formLine(body.phone, 40),
    country: country || defaults.country,
    email: formLine(body.email, 320),
    replyVia: formLine(body.replyVia, 20) || 'phone',
    preferredTime: formLine(body.preferredTime, 20) || 'any',
    timeZone: timeZone || defaults.timeZone,
    city: formLine(body.city, 120),
    condition: formLine(body.condition, 120),
    // Line breaks are kept in a message; only the invisible reordering characters would matter, and they are shown as typed to staff in a <pre>-less, escaped block.
    message: formText(body.message, MESSAGE_MAX + 1).replace(/\r\n?/g, '\n').trim(),
    consent: body.consent === 'yes',
    source: sitePath(formLine(body.source, 500)) ?? '',
    referrer: formLine(body.referrer, 500),
  };
}

export function readEvidence(body: Body): FormEvidence {
  const fill = formLine(body.fill, 12);
  return {
    honeypot: formText(body.website, 200),
    fillMs: /^\d{1,10}$/.test(fill) ? Number(fill) : undefined,
    proof: typeof body.altcha === 'string' && body.altcha.length > 0 ? body.altcha.slice(0, 4000) : undefined,
  };
}

function phoneIn(country: CountryCode) {
  return z
    .string()
    .min(1, 'field.required')
    .transform((value, ctx) => {
      const e164 = toE164(value, country);
      if (e164) return e164;
      ctx.addIssue({ code: 'custom', message: 'consult.error.phone', input: value });
      return z.NEVER;
    });
}

/** The request as stored, from a form as typed. The phone is read for the country chosen in the form, or the clinic's while that is not valid. */
function consultationSchema(o: { phoneCountry: CountryCode; conditions: readonly string[] }) {
  return z.object({
    name: z.string().min(1, 'consult.error.name').max(200),
    phone: phoneIn(o.phoneCountry),
    country: z.string().refine(isCountry, 'consult.error.country'),
    email: z.union([z.literal(''), z.email('field.email').max(320)]).transform((e) => (e === '' ? null : e.toLowerCase())),
    replyVia: z.enum(replyChannels, 'consult.error.replyVia'),
    preferredTime: z.enum(preferredTimes, 'field.required'),
    timeZone: z.string().refine(isTimeZone, 'consult.error.timeZone'),
    city: z.string().max(120),
    condition: z.string().refine((c) => c === 'other' || o.conditions.includes(c), 'consult.error.condition'),
    message: z.string().max(MESSAGE_MAX, 'field.tooLong'),
    consent: z.literal(true, 'consult.error.consent'),
    source: z.string(),
    referrer: z.string(),
  });
}

export type ConsultationInput = z.output<ReturnType<typeof consultationSchema>>;

export type Validation = { ok: true; value: ConsultationInput } | { ok: false; issues: z.core.$ZodIssue[] };

/** Every mistake at once, each for its field: the schema's, and the email a reply by email needs. */
export function validateConsultation(form: ConsultationForm, o: { clinicCountry: CountryCode; conditions: readonly string[] }): Validation {
  const phoneCountry = isCountry(form.country) ? form.country : o.clinicCountry;
  const parsed = consultationSchema({ phoneCountry, conditions: o.conditions }).safeParse(form);
  const issues = parsed.success ? [] : [...parsed.error.issues];
  if (form.replyVia === 'email' && form.email === '') {
    issues.push({ code: 'custom', message: 'consult.error.emailNeeded', path: ['email'], input: form.email });
  }
  const order = (issue: z.core.$ZodIssue) => fieldOrder.indexOf(String(issue.path[0]) as (typeof fieldOrder)[number]);
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: issues.sort((a, b) => order(a) - order(b)) };
  return { ok: true, value: parsed.data };
}

/** The order of the fields on the page, so that the error summary lists them as the patient meets them. */
const fieldOrder = ['name', 'phone', 'country', 'email', 'replyVia', 'preferredTime', 'timeZone', 'city', 'condition', 'message', 'consent'] as const;
