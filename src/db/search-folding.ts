// Here, beside the database, because the stored search text (migration 003, the articles service)
// and every query must be folded the same way.

// Urdu is usually typed without vowel marks, and often on an Arabic keyboard: ي ى ك ه stand for ی ی ک ہ.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const ARABIC_TO_URDU: Record<string, string> = { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ه': 'ہ' };

/** The form of text that search compares: vowel marks and tatweel dropped, Arabic letter forms folded to Urdu ones. */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').replace(ARABIC_MARKS, '').replace(/[يىكه]/g, (c) => ARABIC_TO_URDU[c] ?? c);
}
