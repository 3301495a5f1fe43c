import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { isCountry, toE164 } from './phone.ts';
import type { ClinicLocation, ClinicSettings } from './service.ts';

/**
 * One zod schema per settings form. Each takes the form's fields as typed (strings), so that a form
 * with errors can be shown again exactly as it was sent, and gives the value to store.
 */

const required = (max: number) => z.string().min(1).max(max);
const optional = (max: number) => z.string().max(max);
/** Links on the public site open without a warning only over https, and must name a real host. */
const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(1000);

/** A phone typed for `country`, given back in E.164; "call us" or "0300" is refused. */
function phone(country: CountryCode) {
  return z
    .string()
    .min(1)
    .max(40)
    .transform((value, ctx) => {
      const e164 = toE164(value, country);
      if (e164) return e164;
      ctx.addIssue({ code: 'custom', message: 'not a phone number', input: value });
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
}

/** Phone numbers are read for the country chosen in the same form, or the stored one while that choice is not valid. */
export function clinicFormSchema(country: CountryCode) {
  return z
    .object({
      name: required(200),
      nameUr: optional(200),
      tagline: required(500),
      taglineUr: optional(500),
      country: z.string().refine(isCountry),
      phone: phone(country),
      whatsapp: phone(country),
      email: z.email().max(320),
      languages: z.array(z.enum(['en', 'ur'])).min(1),
    })
    .transform(({ nameUr, tagline, taglineUr, ...v }) => ({
      ...v,
      ...(nameUr ? { nameUr } : {}),
      tagline: { en: tagline, ...(taglineUr ? { ur: taglineUr } : {}) },
    }));
}

/** The country a clinic form's numbers are read for. */
export function countryFor(form: ClinicForm, current: ClinicSettings): CountryCode {
  if (isCountry(form.country)) return form.country;
  return isCountry(current.country) ? current.country : 'PK';
}

export function clinicFormOf(c: ClinicSettings): ClinicForm {
  return { name: c.name, nameUr: c.nameUr ?? '', tagline: c.tagline.en, taglineUr: c.tagline.ur ?? '', country: c.country, phone: c.phone, whatsapp: c.whatsapp, email: c.email, languages: c.languages };
}

export const locationFields = ['nameEn', 'nameUr', 'addressEn', 'addressUr', 'hoursEn', 'hoursUr', 'mapUrl'] as const;
export type LocationForm = Record<(typeof locationFields)[number], string> & { remove: boolean };

export const locationFormSchema = z
  .object({
    nameEn: required(200),
    nameUr: optional(200),
    addressEn: required(500),
    addressUr: optional(500),
    hoursEn: required(300),
    hoursUr: optional(300),
    mapUrl: z.union([z.literal(''), httpsUrl]),
  })
  .transform((v): ClinicLocation => ({
    name: localized(v.nameEn, v.nameUr),
    address: localized(v.addressEn, v.addressUr),
    hours: localized(v.hoursEn, v.hoursUr),
    ...(v.mapUrl ? { map_url: v.mapUrl } : {}),
  }));

function localized(en: string, ur: string) {
  return ur ? { en, ur } : { en };
}

export function locationFormOf(l: ClinicLocation): LocationForm {
  return {
    nameEn: l.name.en, nameUr: l.name.ur ?? '', addressEn: l.address.en, addressUr: l.address.ur ?? '', hoursEn: l.hours.en, hoursUr: l.hours.ur ?? '', mapUrl: l.map_url ?? '', remove: false,
  };
}

export const socialFields = ['label', 'url'] as const;
export type SocialForm = Record<(typeof socialFields)[number], string> & { remove: boolean };

export const socialFormSchema = z.object({ label: required(40), url: httpsUrl });

export function socialFormsOf(social: ClinicSettings['social']): SocialForm[] {
  return Object.entries(social).map(([label, url]) => ({ label, url, remove: false }));
}

/** A row left blank (the empty one offered for adding, or one whose every field was cleared) is no entry. */
export function isBlank(row: Record<string, string | boolean>): boolean {
  return Object.entries(row).every(([k, v]) => k === 'remove' || v === '');
}

/** Rows kept: neither ticked "remove" nor blank. */
export function keptRows<T extends { remove: boolean }>(rows: T[]): { row: T; index: number }[] {
  return rows.map((row, index) => ({ row, index })).filter(({ row }) => !row.remove && !isBlank(row as unknown as Record<string, string | boolean>));
}
