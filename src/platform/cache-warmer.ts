import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { PageCache } from './page-cache.ts';

export interface CacheWarmer {
  /** Starts a pass over every page in the sitemap; a pass already running gives way to it. */
  warm(): void;
  /** Resolves when the current pass (if any) has finished. */
  settled(): Promise<void>;
  stop(): void;
}

export interface WarmerOptions {
  cache: PageCache;
  /** Asks the app for a page as a reader would (so it lands in the cache); resolves to its body. */
  fetch: (path: string) => Promise<string>;
  log: FastifyBaseLogger;
}

/** The paths of a sitemap's <loc> entries. */
function sitemapPaths(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const url = new URL((m[1] ?? '').replaceAll('&amp;', '&'));
    return url.pathname + url.search;
  });
}

/**
 * Fills the page cache in the background, so that readers rarely meet a miss: every page of the
 * sitemap, one at a time, each waiting for the one before to be compressed, so that on a small
 * machine readers' requests and the thread pool are never crowded out.
 */
export function cacheWarmer({ cache, fetch, log }: WarmerOptions): CacheWarmer {
  let run = 0;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const pass = async (mine: number) => {
    const paths = ['/sitemap.xml', '/feed.xml', ...sitemapPaths(await fetch('/sitemap.xml'))];
    for (const path of paths) {
      if (mine !== run || stopped) return;
      await nextTurn();
      await fetch(path);
      await cache.idle();
    }
  };
  return {
    warm() {
      if (stopped) return;
      run += 1;
      current = pass(run).catch((err: unknown) => {
        if (!stopped) log.warn({ err }, 'page cache: warming failed');
      });
    },
    settled: () => current,
    stop() {
      stopped = true;
    },
  };
}
