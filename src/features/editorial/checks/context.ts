/**
 * What the words around a match say about it. A claim check that only matched words would flag
 * the honest sentences ("there is no cure for ALS") as often as the misleading ones, so each match
 * is read in its clause: is it denied, hedged, quoted as a word, or part of a warning to readers?
 * English negation comes before the words it denies; Urdu puts "نہیں" after the verb, so for Urdu
 * the whole clause is read.
 */
import type { Lang } from './types.ts';

/** A whole Urdu word or phrase: JavaScript's \b only knows ASCII letters. */
export function urduWords(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{M}])(?:${source})(?![\\p{L}\\p{M}])`, 'u');
}

// Where one clause ends and the next begins: a denial in one clause does not reach the next
// ("There is no cure, but this stops ALS").
const CLAUSE_BREAK: Record<Lang, RegExp> = {
  en: /[;:—–]|\s-\s|,\s+(?:and|but|so|although|though|while|whereas)\b|\b(?:but|however|although|though|whereas)\b/gi,
  ur: /[،؛۔:؟!—–;]|(?<![\p{L}\p{M}])(?:لیکن|مگر|البتہ|جبکہ|بلکہ)(?![\p{L}\p{M}])/gu,
};

const EN_NEGATION =
  /\b(?:no|not|never|none|nothing|neither|nor|cannot|without|nobody|unable|unproven|unlikely|lack of|fail(?:s|ed)? to)\b|n't\b/i;
// "not only cures" is the opposite of a denial.
const EN_NOT_ONLY = /\bnot only\b/i;
// "A cure is not yet available", "a cure does not exist": the denial follows within the clause.
const EN_DENIED_AFTER = /^[^.]{0,40}?\b(?:is|are|was|were|does|do|has|have|remains?|exists?)\s+(?:still\s+)?(?:not|n't|never)\b|^[^.]{0,40}?\b(?:isn't|aren't|doesn't|don't|hasn't|haven't)\b/i;
const UR_NEGATION = urduWords('نہیں|نہ|مت|بغیر|ناممکن|غیر|کوئی بھی نہیں');

const HEDGE: Record<Lang, RegExp> = {
  en: /\b(?:usually|often|mostly|generally|normally|typically|nearly|almost|may|might|can|could|rarely|sometimes|tends? to)\b/i,
  ur: urduWords('عام طور پر|اکثر|شاید|ممکن ہے|ہو سکتا|ہو سکتی|سکتی|سکتے|سکتا|کبھی کبھی|زیادہ تر|عموماً'),
};

// A sentence that warns readers about such claims quotes them to warn, not to make them.
const WARNING: Record<Lang, RegExp> = {
  en: /\b(?:be\s+(?:very\s+)?(?:careful|wary|cautious|suspicious|sceptical|skeptical)|beware|warning\s+signs?|red\s+flags?|watch\s+out)\b/i,
  ur: urduWords('محتاط|خبردار|ہوشیار|خطرے کی علامات|انتباہ'),
};

const INDIRECT_QUESTION: Record<Lang, RegExp> = {
  en: /\b(?:whether|which|where|if|what)\b(?:\s+[\w'-]+){0,3}\s*$/i,
  ur: urduWords('کیا|آیا|کہاں|کون'),
};

/** Whether the words come in an indirect question ("ask whether it is approved where you live"): they assert nothing. */
export function isIndirectQuestion(clause: { before: string }, lang: Lang): boolean {
  return INDIRECT_QUESTION[lang].test(clause.before) || (lang === 'ur' && INDIRECT_QUESTION.en.test(clause.before));
}

/** The clause of `text` that holds the span [start, end), split into what comes before and after it. */
export function clauseAround(text: string, start: number, end: number, lang: Lang): { before: string; after: string } {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(CLAUSE_BREAK[lang])) {
    const at = m.index;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

/** Whether the clause denies the words: "there is no cure", "has not been shown to stop"; Urdu "علاج نہیں". */
export function isDenied(clause: { before: string; after: string }, lang: Lang): boolean {
  const before = clause.before.replace(EN_NOT_ONLY, '');
  if (EN_NEGATION.test(before) || EN_DENIED_AFTER.test(clause.after)) return true;
  return lang === 'ur' && (UR_NEGATION.test(before) || UR_NEGATION.test(clause.after) || EN_NEGATION.test(clause.after));
}

/** Whether the clause softens the words into a description: "usually painless". */
export function isHedged(clause: { before: string; after: string }, lang: Lang): boolean {
  return HEDGE[lang].test(clause.before) || (lang === 'ur' && HEDGE.ur.test(clause.after));
}

export function isWarning(text: string, lang: Lang): boolean {
  return WARNING[lang].test(text) || (lang === 'ur' && WARNING.en.test(text));
}

const QUOTED = /["“]([^"“”]{1,60})["”]|‘([^‘’]{1,60})’|«([^«»]{1,60})»/g;

/** Whether the span is a word quoted to talk about it ("flags words such as "cure""): three words or fewer in quotes. */
export function isQuotedMention(text: string, start: number, end: number): boolean {
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? '';
    if (m.index < start && m.index + m[0].length > end && inner.trim().split(/\s+/).length <= 3) return true;
  }
  return false;
}
