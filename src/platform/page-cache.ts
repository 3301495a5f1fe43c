import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface CachedPage {
  status: number;
  contentType: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** Picks the smallest encoding the client accepts (q=0 excludes one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function etagFor(page: CachedPage, encoding: Encoding): string {
  return encoding === 'identity' ? page.etag : page.etag.replace(/"$/, `-${encoding}"`);
}

/** True when the client's If-None-Match names this page in any encoding (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, page: CachedPage): boolean {
  if (!ifNoneMatch) return false;
  const base = page.etag.slice(1, -1);
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${base}"` || t === `"${base}-br"` || t === `"${base}-gzip"`;
  });
}

/**
 * The page with its gzip and brotli forms. Compression runs on libuv's thread pool, so a cache
 * miss (brotli at its best setting takes ~20 ms for an article) does not stall other requests.
 * `fast` is for pages rendered per request, where the best compression costs more than it saves.
 */
export async function compressPage(status: number, contentType: string, body: string | Buffer, fast = false): Promise<CachedPage> {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: fast ? 6 : 9 }),
    brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  ]);
  return { status, contentType, etag: `"${hash}"`, identity, gzip: gz, br };
}

/**
 * Rendered public pages, bytes and compressed forms, by URL. Bounded so odd URLs cannot grow it
 * without limit; cleared whenever content changes (in this process, or in another one through the
 * database's content version, which the app polls).
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly maxEntries: number;
  private pending = new Map<string, Promise<CachedPage>>();
  generation = 0;

  constructor(maxEntries = 2000) {
    this.maxEntries = maxEntries;
  }

  get(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  /** Renders a page once even when many readers ask for it at the same moment. */
  async getOrRender(key: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const hit = this.pages.get(key);
    if (hit) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const promise = render().finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    const page = await promise;
    if (generation === this.generation) {
      if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
      this.pages.set(key, page);
    }
    return page;
  }

  clear(): void {
    this.generation += 1;
    this.pages.clear();
    this.pending = new Map();
  }

  get size(): number {
    return this.pages.size;
  }
}
