import type { Lang } from '#src/db/types.ts';
import { countryList } from '#src/features/settings/phone.ts';

const options = new Map<Lang, { value: string; label: string }[]>();

/** The country select of the form: every country with its calling code, in the reader's language. */
export function countryOptions(lang: Lang): { value: string; label: string }[] {
  let list = options.get(lang);
  if (!list) {
    list = countryList(lang).map((c) => ({ value: c.code, label: c.label }));
    options.set(lang, list);
  }
  return list;
}
