import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import type { StaffRole } from '#src/db/types.ts';
import { roles } from '#src/permissions.ts';
import { formLine, formList, formText } from '#src/web/forms.ts';
import { isCountry, toE164 } from './phone.ts';
import { isTimeZone } from '#src/platform/time-zone.ts';
import type { ClinicLocation, ClinicSettings } from './service.ts';

/**
 * The settings forms: how each is read from a post as typed (strings, so a form with errors is
 * shown again exactly as sent), and one zod schema per form that gives the value to store. Owned by
 * the settings service, which re-exports it; routes reach it through `service.ts`. Every message is
 * a catalog key, turned into the reader's language by `fieldErrors` (web/form-errors.ts).
 */

type Body = Record<string, unknown>;

const required = (max: number) => z.string().min(1, 'field.required').max(max);
const optional = (max: number) => z.string().max(max);
/** Links on the public site open without a warning only over https, and must name a real host. */
const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'field.httpsUrl' }).max(1000);

/** A phone typed for `country`, given back in E.164; "call us" or "0300" is refused with `message`. */
function phone(country: CountryCode, message: 'field.phone' | 'field.whatsapp') {
  return z
    .string()
    .min(1, 'field.required')
    .max(40)
    .transform((value, ctx) => {
      const e164 = toE164(value, country);
      if (e164) return e164;
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    });
}

export interface ClinicForm {
  name: string;
  nameUr: string;
  tagline: string;
  taglineUr: string;
  country: string;
  phone: string;
  whatsapp: string;
  email: string;
  languages: string[];
  timeZone: string;
  emergency: string;
  emergencyUr: string;
}

/** The clinic form as typed; a form sent without the country (an older page) keeps the stored one. */
export function readClinicForm(body: Body, current: ClinicSettings): ClinicForm {
  return {
    name: formLine(body.name, 200), nameUr: formLine(body.nameUr, 200), tagline: formLine(body.tagline, 500), taglineUr: formLine(body.taglineUr, 500),
    country: body.country === undefined ? current.country : formLine(body.country, 10),
    phone: formLine(body.phone, 40), whatsapp: formLine(body.whatsapp, 40), email: formLine(body.email, 320),
    languages: formList(body.languages).filter((l) => l === 'en' || l === 'ur'),
    // Fields added later: a form sent without them (an older page) keeps the stored values.
    timeZone: body.timeZone === undefined ? current.timeZone : formLine(body.timeZone, 64),
    emergency: body.emergency === undefined ? current.emergency.en : formLine(body.emergency, 200),
    emergencyUr: body.emergencyUr === undefined ? (current.emergency.ur ?? '') : formLine(body.emergencyUr, 200),
  };
}

/** Phone numbers are read for the country chosen in the same form, or the stored one while that choice is not valid. */
export function clinicFormSchema(country: CountryCode) {
  return z
    .object({
      name: required(200),
      nameUr: optional(200),
      tagline: required(500),
      taglineUr: optional(500),
      country: z.string().refine(isCountry, 'field.country'),
      phone: phone(country, 'field.phone'),
      whatsapp: phone(country, 'field.whatsapp'),
      email: z.email('field.email').max(320),
      languages: z.array(z.enum(['en', 'ur'])).min(1, 'field.required'),
      timeZone: z.string().refine(isTimeZone, 'field.timeZone'),
      emergency: required(200),
      emergencyUr: optional(200),
    })
    .transform(({ nameUr, tagline, taglineUr, emergency, emergencyUr, ...v }) => ({
      ...v,
      ...(nameUr ? { nameUr } : {}),
      tagline: { en: tagline, ...(taglineUr ? { ur: taglineUr } : {}) },
      emergency: { en: emergency, ...(emergencyUr ? { ur: emergencyUr } : {}) },
    }));
}

/** The country a clinic form's numbers are read for. */
export function countryFor(form: ClinicForm, current: ClinicSettings): CountryCode {
  if (isCountry(form.country)) return form.country;
  return isCountry(current.country) ? current.country : 'PK';
}

export function clinicFormOf(c: ClinicSettings): ClinicForm {
  return {
    name: c.name, nameUr: c.nameUr ?? '', tagline: c.tagline.en, taglineUr: c.tagline.ur ?? '', country: c.country, phone: c.phone, whatsapp: c.whatsapp, email: c.email, languages: c.languages,
    timeZone: c.timeZone, emergency: c.emergency.en, emergencyUr: c.emergency.ur ?? '',
  };
}

type Row<K extends string> = Record<K, string> & { remove: boolean };
/** More rows than a clinic needs; a post with more is cut here rather than read without end. */
const MAX_ROWS = 30;

/** The posted rows `prefix-0-…`, `prefix-1-…`, … as typed, up to the first index with no field at all. */
function readRows<K extends string>(body: Body, prefix: string, fields: readonly K[], maxOf: (field: K) => number): Row<K>[] {
  const rows: Row<K>[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const has = (k: string) => `${prefix}-${i}-${k}` in body;
    if (!fields.some(has) && !has('remove')) break;
    const values = Object.fromEntries(fields.map((k) => [k, formLine(body[`${prefix}-${i}-${k}`], maxOf(k))])) as Record<K, string>;
    rows.push({ ...values, remove: body[`${prefix}-${i}-remove`] !== undefined });
  }
  return rows;
}

/** A row left blank (the empty one offered for adding, or one whose every field was cleared) is no entry. */
function isBlank(row: Record<string, string | boolean>): boolean {
  return Object.entries(row).every(([k, v]) => k === 'remove' || v === '');
}

type Kept<Out> = { index: number; value: Out }[];

/**
 * A repeated form: each row kept (neither ticked "remove" nor blank) must pass `rowSchema`; an
 * issue's path starts with the row's index as posted, so its error stands beside that row's field.
 * `across` checks the valid rows against each other, in the same pass, so its errors show with the rest.
 */
function keptRowsSchema<K extends string, Out>(rowSchema: z.ZodType<Out, Record<K, string>>, across: (kept: Kept<Out>, ctx: z.RefinementCtx) => void = () => {}) {
  return z.custom<Row<K>[]>().transform((rows, ctx) => {
    const kept: Kept<Out> = [];
    rows.forEach((row, index) => {
      if (row.remove || isBlank(row)) return;
      const parsed = rowSchema.safeParse(row);
      if (parsed.success) kept.push({ index, value: parsed.data });
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [index, ...issue.path], input: row });
    });
    across(kept, ctx);
    return kept.map((k) => k.value);
  });
}

export const locationFields = ['nameEn', 'nameUr', 'addressEn', 'addressUr', 'hoursEn', 'hoursUr', 'mapUrl'] as const;
export type LocationForm = Row<(typeof locationFields)[number]>;

export function readLocationForms(body: Body): LocationForm[] {
  return readRows(body, 'loc', locationFields, (k) => (k === 'mapUrl' ? 1000 : 500));
}

const locationFormSchema = z
  .object({
    nameEn: required(200),
    nameUr: optional(200),
    addressEn: required(500),
    addressUr: optional(500),
    hoursEn: required(300),
    hoursUr: optional(300),
    mapUrl: z.union([z.literal(''), httpsUrl], { error: 'field.httpsUrl' }),
  })
  .transform((v): ClinicLocation => ({
    name: localized(v.nameEn, v.nameUr),
    address: localized(v.addressEn, v.addressUr),
    hours: localized(v.hoursEn, v.hoursUr),
    ...(v.mapUrl ? { map_url: v.mapUrl } : {}),
  }));

/** The locations form: the clinic's locations in the order posted. */
export const locationsFormSchema = keptRowsSchema(locationFormSchema);

function localized(en: string, ur: string) {
  return ur ? { en, ur } : { en };
}

export function locationFormOf(l: ClinicLocation): LocationForm {
  return {
    nameEn: l.name.en, nameUr: l.name.ur ?? '', addressEn: l.address.en, addressUr: l.address.ur ?? '', hoursEn: l.hours.en, hoursUr: l.hours.ur ?? '', mapUrl: l.map_url ?? '', remove: false,
  };
}

export const socialFields = ['label', 'url'] as const;
export type SocialForm = Row<(typeof socialFields)[number]>;

export function readSocialForms(body: Body): SocialForm[] {
  return readRows(body, 'social', socialFields, (k) => (k === 'url' ? 1000 : 40));
}

/** The social links form: label → https address, each label once. */
export const socialFormSchema = keptRowsSchema(z.object({ label: required(40), url: httpsUrl }), (kept, ctx) => {
  const seen = new Set<string>();
  for (const { index, value } of kept) {
    if (seen.has(value.label)) ctx.addIssue({ code: 'custom', message: 'field.socialDuplicate', path: [index, 'label'], input: value.label });
    seen.add(value.label);
  }
}).transform((rows): ClinicSettings['social'] => Object.fromEntries(rows.map((r) => [r.label, r.url])));

export function socialFormsOf(social: ClinicSettings['social']): SocialForm[] {
  return Object.entries(social).map(([label, url]) => ({ label, url, remove: false }));
}

/** The id of the input a repeated form's issue points at: `f-<prefix>-<row>-<field>`. */
export const rowFieldId = (prefix: string) => (path: readonly PropertyKey[]) => `f-${prefix}-${String(path[0])}-${String(path[1] ?? '')}`;

/** The limits of the staff settings, inclusive: one list for the stored value, the form and its inputs. */
export const staffLimits = {
  idleMinutes: [5, 480],
  lifetimeHours: [1, 72],
  responseTargetHours: [1, 168],
  consultationRetentionDays: [30, 3650],
  reviewIntervalMonths: [1, 36],
} as const satisfies Record<string, readonly [number, number]>;
type StaffNumber = keyof typeof staffLimits;
const staffNumbers = Object.keys(staffLimits) as StaffNumber[];

/** `emergencySigns` is undefined when a form without that field (an older page) is posted: the stored list is then kept. */
export type StaffForm = Record<StaffNumber, string> & { require2faRoles: StaffRole[]; emergencySigns?: string; notSuitableEn?: string; notSuitableUr?: string };

const isRole = (r: string): r is StaffRole => (roles as readonly string[]).includes(r);

export function readStaffForm(body: Body): StaffForm {
  const numbers = Object.fromEntries(staffNumbers.map((name) => [name, formLine(body[name], 10)])) as Record<StaffNumber, string>;
  return { ...numbers, require2faRoles: formList(body.require2faRoles).filter(isRole), ...(body.emergencySigns === undefined ? {} : { emergencySigns: formText(body.emergencySigns, 20_000) }),
    ...(body.notSuitableEn === undefined ? {} : { notSuitableEn: formText(body.notSuitableEn, 5000).trim(), notSuitableUr: formText(body.notSuitableUr, 5000).trim() }),
  };
}

/** A whole number typed in digits only, within [min, max]; the message names the limits. */
function wholeNumber([min, max]: readonly [number, number]) {
  return z.string().transform((raw, ctx) => {
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: 'field.number', params: { min, max }, input: raw });
    return z.NEVER;
  });
}

export const staffFormSchema = z.object({
  require2faRoles: z.array(z.custom<StaffRole>((v) => typeof v === 'string' && isRole(v))),
  idleMinutes: wholeNumber(staffLimits.idleMinutes),
  lifetimeHours: wholeNumber(staffLimits.lifetimeHours),
  responseTargetHours: wholeNumber(staffLimits.responseTargetHours),
  consultationRetentionDays: wholeNumber(staffLimits.consultationRetentionDays),
  reviewIntervalMonths: wholeNumber(staffLimits.reviewIntervalMonths),
  /** One sign per line; blank lines dropped, each kept as typed (trimmed). */
  emergencySigns: z
    .string()
    .transform((text) => text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100, 'field.signTooLong')).max(200, 'field.tooManySigns'))
    .optional(),
  notSuitableEn: z.string().min(1, 'field.required').max(4000).optional(),
  notSuitableUr: z.string().max(4000).optional(),
});
