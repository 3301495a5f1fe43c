import type { Lang } from '#src/db/types.ts';
import { adminEn, type AdminMessageKey } from './admin-en.ts';
import { adminUr } from './admin-ur.ts';
import { editorialEn, type EditorialMessageKey } from './editorial-en.ts';
import { editorialUr } from './editorial-ur.ts';
import { en, type MessageKey as PublicMessageKey } from './en.ts';
import { ur } from './ur.ts';

export type MessageKey = PublicMessageKey | AdminMessageKey | EditorialMessageKey;
export const languages: readonly Lang[] = ['en', 'ur'];
const catalogs: Record<Lang, Record<MessageKey, string>> = { en: { ...en, ...adminEn, ...editorialEn }, ur: { ...ur, ...adminUr, ...editorialUr } };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Strings come only from the catalogs; values are filled in as plain text and escaped by the view. */
export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const text = catalog[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export function direction(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ur' ? 'rtl' : 'ltr';
}

// Making a formatter costs far more than using one, and a page shows several dates.
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat(catalogs.en['date.locale'], { dateStyle: 'long', timeZone: 'UTC' }),
  ur: new Intl.DateTimeFormat(catalogs.ur['date.locale'], { dateStyle: 'long', timeZone: 'UTC' }),
};

/** Dates are stored as YYYY-MM-DD; shown in the reader's language, read as UTC so they never shift a day. */
export function formatDate(lang: Lang, isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return dateFormats[lang].format(d);
}

/** The public URL of a path in a language: English at the root, Urdu under /ur. */
export function localePath(lang: Lang, path: string): string {
  if (lang === 'en') return path;
  return path === '/' ? '/ur/' : `/ur${path}`;
}

/** Whether a text is a key of the catalogs (a schema names its messages by key, see web/form-errors.ts). */
export function isMessageKey(text: string): text is MessageKey {
  return text in catalogs.en;
}
