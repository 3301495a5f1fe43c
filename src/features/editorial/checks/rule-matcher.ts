/**
 * Finds a phrase rule's patterns in sentences. The claim rules and the respectful-language rules
 * share this shape; what to do with a match (deny it, excuse it) is each family's decision.
 */
import type { Sentence } from './sentences.ts';
import type { Lang, Severity } from './types.ts';

export interface RuleExamples {
  /** Sentences the rule must flag. */
  flagged: string[];
  /** Sentences it must leave alone: the honest wording a patient should read. */
  passed: string[];
}

export interface PhraseRule {
  id: string;
  severity: Severity;
  /** Per language; Urdu text is also searched with the English patterns (English terms appear in brackets). */
  patterns: Partial<Record<Lang, RegExp[]>>;
  /** Why the words mislead or hurt, after the quoted words: `"cures ALS" promises …`. */
  why: string;
  suggestion: string;
  examples: Partial<Record<Lang, RuleExamples>>;
}

export interface PhraseMatch {
  sentence: Sentence;
  /** The match in sentence.block.text. */
  start: number;
  end: number;
  words: string;
}

const globalCache = new WeakMap<RegExp, RegExp>();

/** The same pattern with the g flag, made once: matchAll needs it, the data file need not say it. */
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  return g;
}

function patternsFor(rule: Pick<PhraseRule, 'patterns'>, lang: Lang): RegExp[] {
  const own = rule.patterns[lang] ?? [];
  return lang === 'ur' ? [...own, ...(rule.patterns.en ?? [])] : own;
}

/** Every place in the sentence where one of the rule's patterns matches; overlapping matches count once. */
export function matchPhrases(rule: Pick<PhraseRule, 'patterns'>, sentence: Sentence, lang: Lang): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const re of patternsFor(rule, lang)) {
    for (const m of sentence.text.matchAll(globalOf(re))) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      if (m[0].trim() === '' || found.some((f) => f.start < end && start < f.end)) continue;
      // A phrase broken across lines in the Markdown is one phrase to the reader.
      found.push({ sentence, start, end, words: sentence.block.text.slice(start, end).replace(/\s+/g, ' ') });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
