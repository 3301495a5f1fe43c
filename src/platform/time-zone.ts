// Here, apart from any feature, because the clinic's settings and the consultation form both check time zones.

/** Whether a time zone name is one this runtime knows (so dates can be shown in it). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
