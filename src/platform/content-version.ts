import type { FastifyInstance } from 'fastify';
import type { Services } from '#src/services.ts';
import type { PageCache } from './page-cache.ts';

/**
 * Keeps the page cache true across processes: every few seconds each process reads the shared
 * content version and drops its cached pages when another process has published a change. The
 * cache is also dropped when the date changes, because pages say whether a review is overdue.
 * `onCleared` refills it (cache-warmer.ts).
 */
export function watchContentVersion(app: FastifyInstance, services: Services, cache: PageCache, everyMs: number, onCleared: () => void = () => {}): () => Promise<void> {
  let seen: string | undefined;
  let day = new Date().toISOString().slice(0, 10);
  const check = async () => {
    const version = await services.settings.contentVersion();
    const today = new Date().toISOString().slice(0, 10);
    if ((seen !== undefined && version !== seen) || today !== day) {
      cache.clear();
      onCleared();
    }
    seen = version;
    day = today;
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await check();
    if (everyMs <= 0) return;
    timer = setInterval(() => check().catch((err: unknown) => app.log.warn({ err }, 'content version check failed')), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
  return check;
}
