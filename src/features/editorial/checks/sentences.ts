/**
 * Sentences and words. English sentences come from parse-english (the retext parser), which knows
 * that "Dr." and "e.g." do not end a sentence; Urdu ones from the platform's Unicode segmenter,
 * which ends them at "۔" and "؟". Citation markers are blanked first so "[1]" is not a word.
 */
import type { Paragraph, Root, Sentence as SentenceNode } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import type { Block } from './parse-document.ts';
import type { Lang } from './types.ts';

export interface Sentence {
  block: Block;
  /** Where the sentence starts and ends in block.text. */
  start: number;
  end: number;
  /** The sentence with its citation markers blanked out (same length as the source). */
  text: string;
}

/** A citation marker as authors write it: [1]. */
export const CITATION = /\[(\d{1,3})\]/g;

/** The text with each `[n]` replaced by spaces of the same length, so offsets still line up. */
function maskCitations(text: string): string {
  return text.replace(CITATION, (marker) => ' '.repeat(marker.length));
}

const english = new ParseEnglish();
const urduSentences = new Intl.Segmenter('ur', { granularity: 'sentence' });
const wordSegmenters: Record<Lang, Intl.Segmenter> = {
  en: new Intl.Segmenter('en', { granularity: 'word' }),
  ur: new Intl.Segmenter('ur', { granularity: 'word' }),
};

function spans(masked: string, lang: Lang): [number, number][] {
  if (lang === 'ur') {
    return [...urduSentences.segment(masked)].map((s) => [s.index, s.index + s.segment.length]);
  }
  const root: Root = english.parse(masked);
  return root.children
    .filter((p): p is Paragraph => p.type === 'ParagraphNode')
    .flatMap((p) => p.children.filter((s): s is SentenceNode => s.type === 'SentenceNode'))
    .map((s) => [s.position?.start.offset ?? 0, s.position?.end.offset ?? masked.length]);
}

const cache = new WeakMap<Block, Sentence[]>();

/** The block's sentences, trimmed, in order. */
export function sentencesOf(block: Block, lang: Lang): Sentence[] {
  const cached = cache.get(block);
  if (cached) return cached;
  // A soft line break inside a paragraph is a space to the reader; the Unicode rules would end a sentence there.
  const masked = maskCitations(block.text).replace(/[\r\n]/g, ' ');
  const out: Sentence[] = [];
  for (const [from, to] of spans(masked, lang)) {
    const raw = masked.slice(from, to);
    const start = from + (raw.length - raw.trimStart().length);
    const end = to - (raw.length - raw.trimEnd().length);
    if (end > start) out.push({ block, start, end, text: masked.slice(start, end) });
  }
  cache.set(block, out);
  return out;
}

/** The words of a text, as the Unicode word rules see them (numbers count as words). */
export function wordsOf(text: string, lang: Lang): string[] {
  return [...wordSegmenters[lang].segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}
