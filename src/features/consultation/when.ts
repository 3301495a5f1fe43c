import type { Lang } from '#src/db/types.ts';

// A formatter costs far more to make than to use; patients' time zones are few.
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 200;

/** A moment as a patient reads it in their own time zone: "Tuesday, 2 December 2026 at 3:00 pm (Asia/Karachi)". */
export function formatWhen(lang: Lang, at: Date, timeZone: string): string {
  const key = `${lang} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'ur' ? 'ur-PK' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return `${format.format(at)} (${timeZone.replace(/_/g, ' ')})`;
}
