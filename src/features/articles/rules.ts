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

/** Results on the search page: one page, no paging. */
export const SEARCH_RESULTS = 20;

/** Distinct queries whose results are kept (each at most SEARCH_RESULTS short hits, a few KB). */
export const SEARCH_CACHE_QUERIES = 500;

export const PAGE_SIZE = 10;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}
