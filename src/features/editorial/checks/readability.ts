/**
 * The readability check: how hard the article is to read (US school grade, from the Flesch-Kincaid,
 * Coleman-Liau and Automated Readability formulas, as published by the retext project's formula
 * packages; the median of the three, so one formula's quirk does not decide), sentences too long to
 * follow on a phone, and medical words that are not explained where they first appear.
 * No grade formula exists for Urdu, so Urdu gets the sentence-length and jargon checks only.
 */
import { automatedReadability } from 'automated-readability';
import { colemanLiau } from 'coleman-liau';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import type { CheckContext } from './check-context.ts';
import { findingAt } from './check-context.ts';
import { builtInGlossary } from './glossary.ts';
import type { Block } from './parse-document.ts';
import { sentencesOf, wordsOf } from './sentences.ts';
import type { Finding, GlossaryEntry } from './types.ts';

/** Patient information should read at US grade 8 or lower (age 13-14). */
const TARGET_GRADE = 8;
/** A text this short (a paragraph, or a document) has too few words for a grade to mean anything. */
const MIN_WORDS = 40;
/**
 * A grade measured on one paragraph swings by a couple of grades with a single long word, so a
 * paragraph is pointed out only when it is clearly harder than the target, and only when the whole
 * text misses the target: then these are the places to start.
 */
const PARAGRAPH_LEEWAY = 2;
/**
 * Over this many words a sentence is hard to follow. Urdu writes postpositions and helping verbs
 * as words of their own ("ہو جاتے ہیں"), so the same sentence has about 1.3 times the words of its
 * English original (measured on the demo translations); the Urdu limit is scaled to match.
 */
const MAX_SENTENCE_WORDS = { en: 30, ur: 39 };

// A type alias, not an interface: the formula packages take an index-signature record, which an
// object type alias satisfies and an interface does not.
type Counts = {
  sentence: number;
  word: number;
  syllable: number;
  letter: number;
  character: number;
};

function countsOf(blocks: Block[], ctx: CheckContext): Counts {
  const c: Counts = { sentence: 0, word: 0, syllable: 0, letter: 0, character: 0 };
  for (const block of blocks) {
    for (const sentence of sentencesOf(block, ctx.lang)) {
      const words = wordsOf(sentence.text, ctx.lang);
      if (words.length === 0) continue;
      c.sentence += 1;
      c.word += words.length;
      for (const w of words) {
        c.syllable += /\p{L}/u.test(w) ? Math.max(1, syllable(w)) : 1;
        c.letter += (w.match(/\p{L}/gu) ?? []).length;
        c.character += (w.match(/[\p{L}\p{N}]/gu) ?? []).length;
      }
    }
  }
  return c;
}

/** US school grade of the text; null when there is nothing to measure. */
function gradeOf(c: Counts): number | null {
  if (c.word === 0 || c.sentence === 0) return null;
  const grades = [fleschKincaid(c), colemanLiau(c), automatedReadability(c)].sort((a, b) => a - b);
  return grades[1] ?? null;
}

/** The first words of a long passage, enough to find it. */
function opening(text: string): string {
  return `${text.replace(/\s+/g, ' ').slice(0, 60).trim()}…`;
}

function hasLongSentence(block: Block, ctx: CheckContext): boolean {
  return sentencesOf(block, ctx.lang).some((s) => wordsOf(s.text, ctx.lang).length > MAX_SENTENCE_WORDS[ctx.lang]);
}

function gradeFindings(ctx: CheckContext, prose: Block[]): Finding[] {
  const findings: Finding[] = [];
  const all = countsOf(prose, ctx);
  const whole = all.word >= MIN_WORDS ? gradeOf(all) : null;
  if (whole !== null && whole > TARGET_GRADE && prose[0]) {
    findings.push(
      findingAt(ctx, ctx.doc.title?.offsets[0] ?? prose[0].offsets[0] ?? 0, {
        rule: 'readability/grade',
        severity: 'warning',
        message: `The ${ctx.kind} reads at about US school grade ${whole.toFixed(1)}; patient information should read at grade ${TARGET_GRADE} or lower so that most adults, including people reading in a second language, can follow it.`,
        suggestion: 'Use shorter sentences and everyday words, and explain each medical word once where it first appears. The paragraphs flagged by readability/paragraph-grade are the place to start.',
      }),
    );
  }
  if (whole === null || whole <= TARGET_GRADE) return findings;
  for (const block of prose) {
    // A paragraph made hard by one long sentence is already pointed out by readability/long-sentence.
    if (block.kind !== 'paragraph' || hasLongSentence(block, ctx)) continue;
    const counts = countsOf([block], ctx);
    const grade = counts.word >= MIN_WORDS ? gradeOf(counts) : null;
    if (grade === null || grade <= TARGET_GRADE + PARAGRAPH_LEEWAY) continue;
    findings.push(
      findingAt(ctx, block.offsets[0] ?? 0, {
        rule: 'readability/paragraph-grade',
        severity: 'warning',
        message: `This paragraph reads at about US school grade ${grade.toFixed(1)} (target: ${TARGET_GRADE} or lower).`,
        suggestion: 'Split long sentences and swap long words for everyday ones ("use" for "utilise", "help" for "facilitate").',
        words: opening(block.text),
      }),
    );
  }
  return findings;
}

function longSentences(ctx: CheckContext, prose: Block[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of prose) {
    for (const sentence of sentencesOf(block, ctx.lang)) {
      const count = wordsOf(sentence.text, ctx.lang).length;
      const limit = MAX_SENTENCE_WORDS[ctx.lang];
      if (count <= limit) continue;
      findings.push(
        findingAt(ctx, block.offsets[sentence.start] ?? 0, {
          rule: 'readability/long-sentence',
          severity: 'warning',
          message: `This sentence has ${count} words; sentences over ${limit} words are hard to follow, especially on a phone.`,
          suggestion: 'Split it into shorter sentences with one idea each.',
          words: opening(sentence.text),
        }),
      );
    }
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A term counts as explained where it first appears when the words around it explain it:
// "placebo (a dummy tablet)", "a **gastrostomy** tube (often called …)", "EMG — a test …",
// "palliative care doctors who focus on comfort", "NIV is a small machine", "a chemical called
// dopamine", "a feeding tube (gastrostomy)".
const EXPLAINED_AFTER = [
  /^(?:\s+[\p{L}'-]+){0,2}\s*\(/u,
  /^\s*(?:—|–|-\s|:)/,
  /^(?:\s+[\p{L}'-]+)?,?\s+(?:who|which|that|meaning|also called|or|i\.e\.)\b/u,
  /^,\s+(?:a|an|the)\s/,
  /^\s+(?:is|are|means|refers to|uses|use|describes?)\b/,
];
const EXPLAINED_BEFORE = [/(?:called|known as|named|term|word|means?|i\.e\.|or)\s*["“]?$/i, /\(\s*$/];

function isExplained(text: string, start: number, end: number): boolean {
  const after = text.slice(end);
  const before = text.slice(Math.max(0, start - 40), start);
  return EXPLAINED_AFTER.some((re) => re.test(after)) || EXPLAINED_BEFORE.some((re) => re.test(before));
}

function jargon(ctx: CheckContext, glossary: GlossaryEntry[]): Finding[] {
  // Tables sum up what the text explains, so the text is searched first; a term found only in a
  // table is checked there.
  const prose = ctx.doc.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item');
  const body = [...prose, ...ctx.doc.blocks.filter((b) => b.kind === 'cell')];
  const findings: Finding[] = [];
  for (const entry of glossary) {
    if ((entry.lang ?? 'en') !== ctx.lang) continue;
    // A term may be broken across lines in the Markdown: any run of spaces matches a space.
    const forms = [entry.term, ...(entry.forms ?? [])]
      .sort((a, b) => b.length - a.length)
      .map((form) => form.split(/\s+/).map(escapeRegExp).join('\\s+'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    for (const block of body) {
      const m = re.exec(block.text);
      if (!m) continue;
      if (!isExplained(block.text, m.index, m.index + m[0].length)) {
        findings.push(
          findingAt(ctx, block.offsets[m.index] ?? 0, {
            rule: 'readability/jargon',
            severity: 'warning',
            message: `"${m[0]}" is a medical word many patients do not know, and it is not explained where it first appears.`,
            suggestion: `Explain it at first use, for example "${m[0]} (${entry.plain})".`,
            words: m[0],
          }),
        );
      }
      break;
    }
  }
  return findings;
}

export function checkReadability(ctx: CheckContext, clinicGlossary: GlossaryEntry[] = []): Finding[] {
  const prose = ctx.doc.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item');
  return [
    ...(ctx.lang === 'en' ? gradeFindings(ctx, prose) : []),
    ...longSentences(ctx, [...(ctx.doc.summary ? [ctx.doc.summary] : []), ...prose]),
    ...jargon(ctx, [...builtInGlossary, ...clinicGlossary]),
  ];
}
