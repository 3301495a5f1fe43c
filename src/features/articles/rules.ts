/** Pure rules about articles, kept apart so they are unit-tested without a database. */
import { foldForSearch } from '#src/db/search-folding.ts';

/** Around the matched words in a search snippet: characters no article contains, replaced by <mark> in the view. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type ReviewState = 'current' | 'overdue';

export function reviewState(nextReviewAt: string, today: string): ReviewState {
  return nextReviewAt.slice(0, 10) < today.slice(0, 10) ? 'overdue' : 'current';
}

export interface VideoEmbed {
  provider: 'youtube' | 'vimeo';
  id: string;
  watchUrl: string;
  embedUrl: string;
  host: string;
}

/** Recognises YouTube and Vimeo links; the embed uses YouTube's no-cookie host. */
export function parseVideo(url: string): VideoEmbed | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.replace(/^www\.|^m\./, '');
  let yt: string | null = null;
  if (host === 'youtu.be') yt = u.pathname.slice(1);
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    yt = u.pathname === '/watch' ? u.searchParams.get('v') : (/^\/(?:embed|shorts|live)\/([^/]+)/.exec(u.pathname)?.[1] ?? null);
  }
  if (yt && /^[\w-]{6,20}$/.test(yt)) {
    return { provider: 'youtube', id: yt, watchUrl: `https://www.youtube.com/watch?v=${yt}`, embedUrl: `https://www.youtube-nocookie.com/embed/${yt}?autoplay=1`, host: 'youtube-nocookie.com' };
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = /\/(\d{5,12})(?:\/|$)/.exec(u.pathname)?.[1];
    if (id) return { provider: 'vimeo', id, watchUrl: `https://vimeo.com/${id}`, embedUrl: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1`, host: 'player.vimeo.com' };
  }
  return null;
}

/**
 * Search input is free text from anyone: keep only words, so no query syntax ever reaches the engine.
 * One-letter words are dropped: the "s" of "Parkinson's" would otherwise match every word starting with s.
 */
export function searchTerms(query: string): string[] {
  const words = foldForSearch(query).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words.filter((w) => [...w].length > 1).map((w) => w.toLowerCase().slice(0, 40)))].slice(0, 12);
}

/** Words shown in a search result's snippet, as the engines' own snippets showed. */
const SNIPPET_WORDS = 24;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Both engines stem English (SQLite porter, PostgreSQL snowball) before matching a prefix, so
// "muscle" finds "muscles" and "muscular". A stem is nearly always the word less one of these
// endings; cutting it lets the snippet find and mark what the engine matched without a stemmer.
const ENDINGS = ['ing', 'ies', 'ied', 'es', 'ed', 's', 'y', 'e'];
const STEM_MIN = 3;

/** The form in which snippet words are compared: lower case, Latin accents dropped (as the engines' tokenizers do). */
function comparable(word: string): string {
  // Most words are plain ASCII, for which normalizing would change nothing and costs the most.
  return /^[\x20-\x7e]*$/.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
}

/** What a search term matches as a word prefix in the text. */
export function termPrefix(term: string): string {
  const word = comparable(term);
  if (!/^[a-z]+$/.test(word)) return word;
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= STEM_MIN);
  return ending ? word.slice(0, -ending.length) : word;
}

interface Hit {
  at: number;
  term: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Where the terms start words in the text, in order, at most `max` per term: a case-blind regular
 * expression per term (lower-casing the whole text first costs more than the search itself, and one
 * expression with the terms as alternatives scans several times slower than each on its own).
 */
function hitsIn(text: string, prefixes: string[], max: number): Hit[] {
  const hits: Hit[] = [];
  for (const [term, prefix] of prefixes.entries()) {
    const pattern = new RegExp(prefix.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), 'gi');
    let found = 0;
    for (let m = pattern.exec(text); m && found < max; m = pattern.exec(text)) {
      if (m.index > 0 && WORD_CHAR.test(text[m.index - 1] ?? '')) continue;
      hits.push({ at: m.index, term });
      found++;
    }
  }
  return hits.sort((x, y) => x.at - y.at);
}

/** The hit that begins the passage with the most different terms in it; the first such one. */
function bestHit(hits: Hit[], span: number): Hit | undefined {
  let best: Hit | undefined;
  let bestCount = 0;
  for (const [i, hit] of hits.entries()) {
    const terms = new Set<number>();
    for (let j = i; j < hits.length && (hits[j]?.at ?? Infinity) < hit.at + span; j++) terms.add(hits[j]?.term ?? -1);
    if (terms.size > bestCount) {
      best = hit;
      bestCount = terms.size;
    }
  }
  return best;
}

/** Starts of the words of `text` from `from` on, up to `count` of them, with the end of the last. */
function wordsFrom(text: string, from: number, count: number): { starts: number[]; end: number } {
  const re = WORD;
  re.lastIndex = from;
  const starts: number[] = [];
  let end = from;
  for (let m = re.exec(text); m && starts.length < count; m = re.exec(text)) {
    starts.push(m.index);
    end = m.index + m[0].length;
  }
  return { starts, end };
}

/** Where the passage around a hit begins: at its sentence when that starts a few words before, else a few words before it. */
function passageStart(text: string, at: number): number {
  const from = Math.max(0, at - 120);
  const before = text.slice(from, at);
  let sentence = from === 0 ? 0 : -1;
  for (const m of before.matchAll(/[.!?۔؟\n]\s+/gu)) sentence = m.index + m[0].length;
  const lead = [...before.matchAll(WORD)];
  if (sentence >= 0 && lead.filter((w) => w.index >= sentence).length <= 8) return from + sentence;
  const first = lead.at(-Math.min(4, lead.length));
  return first ? from + first.index : at;
}

/** Marks every word of the passage that one of the prefixes begins. */
function markWords(passage: string, prefixes: string[]): string {
  return passage.replace(WORD, (word) => (prefixes.some((p) => comparable(word).startsWith(p)) ? `${MARK_START}${word}${MARK_END}` : word));
}

/**
 * A result's snippet, worked out from the stored search text of that one article: about
 * SNIPPET_WORDS words around the passage where most of the terms occur (the first of them), the
 * matching words between MARK_START and MARK_END, '…' where text was cut. An article found by its
 * title or summary alone shows the beginning of its text. The engines' own snippet functions did the
 * same but tokenized and stemmed the whole article for each result shown, most of a search's time.
 */
export function searchSnippet(text: string, terms: string[], words = SNIPPET_WORDS): string {
  const prefixes = [...new Set(terms.map(termPrefix).filter((p) => p.length > 0))];
  const hit = prefixes.length ? bestHit(hitsIn(text, prefixes, prefixes.length === 1 ? 1 : 40), 160) : undefined;
  const start = hit ? passageStart(text, hit.at) : 0;
  const { starts, end } = wordsFrom(text, start, words);
  const from = starts[0] ?? start;
  const passage = markWords(text.slice(from, end), prefixes);
  return `${from > 0 ? '…' : ''}${passage}${end < text.trimEnd().length ? '…' : ''}`;
}

/** Results on the search page: one page, no paging. */
export const SEARCH_RESULTS = 20;

/** Distinct queries whose results are kept (each at most SEARCH_RESULTS short hits, a few KB). */
export const SEARCH_CACHE_QUERIES = 500;

export const PAGE_SIZE = 10;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}
