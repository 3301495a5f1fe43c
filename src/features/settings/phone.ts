import { getCountries, getCountryCallingCode, getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { Lang } from '#src/db/types.ts';

/**
 * Phone numbers as people type them ("0300-1234567", "+44 20 7946 0000", "0092 300 1234567"),
 * read for the clinic's country and stored as E.164 ("+923001234567"), so that every `tel:` and
 * `wa.me` link is built from one unambiguous form. The full ("max") metadata is used because the
 * smaller default accepts numbers that cannot exist, such as "+92 42 0000 0000".
 */

export const defaultCountry: CountryCode = 'PK';

export function isCountry(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

function countries(): CountryCode[] {
  return getCountries();
}

/** The number in E.164, or null when it is not a phone number that can exist (in `country` unless it starts with + or 00). */
export function toE164(input: string, country: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A number stored before numbers were checked (settings.yaml, or saved by an older version): made
 * E.164 when it is a valid number, otherwise kept exactly as it was, so no stored value is ever lost.
 */
export function normaliseStoredPhone(value: string, country: string): string {
  return (isCountry(country) ? toE164(value, country) : toE164(value, defaultCountry)) ?? value;
}

/** A mobile number as people in `country` would dial it there, for the hint in an error message. */
export function exampleNumber(country: CountryCode): string {
  return getExampleNumber(country, examples)?.formatNational() ?? '';
}

const countryNames = new Map<Lang, { code: CountryCode; label: string }[]>();

/** Every country libphonenumber knows, named in `lang` with its calling code, in that language's order (for a country select). */
export function countryList(lang: Lang): { code: CountryCode; label: string }[] {
  const cached = countryNames.get(lang);
  if (cached) return cached;
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const collator = new Intl.Collator(lang);
  const list = countries()
    .map((code) => ({ code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
  countryNames.set(lang, list);
  return list;
}
