import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface CachedPage {
  status: number;
  contentType: string;
  /** Of the identity bytes; the compressed forms add `-br` / `-gzip`. Kept when a form is swapped for a smaller one, because it decodes to the same bytes. */
  etag: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  /** False while the best gzip and brotli forms are still being made in the background. */
  final: boolean;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** What a client accepts: a bit per encoding (identity is always acceptable). */
export type Accepts = number;
export const ACCEPTS_BR = 1;
export const ACCEPTS_GZIP = 2;

function parseAccepts(acceptEncoding: string): Accepts {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return (ok('br') ? ACCEPTS_BR : 0) | (ok('gzip') ? ACCEPTS_GZIP : 0);
}

// Browsers send one of a handful of Accept-Encoding strings, so each is parsed once. Bounded, so
// clients sending made-up values cost a parse each but cannot grow the memo.
const acceptsMemo = new Map<string, Accepts>();
const ACCEPTS_MEMO_MAX = 256;

export function acceptedEncodings(acceptEncoding: string | undefined): Accepts {
  if (!acceptEncoding) return 0;
  let accepts = acceptsMemo.get(acceptEncoding);
  if (accepts === undefined) {
    accepts = parseAccepts(acceptEncoding);
    if (acceptsMemo.size < ACCEPTS_MEMO_MAX) acceptsMemo.set(acceptEncoding, accepts);
  }
  return accepts;
}

/** The smallest form of this page that the client accepts (a form still being made is skipped). */
export function encodingFor(accepts: Accepts, page: Pick<CachedPage, 'br' | 'gzip'>): Encoding {
  if (accepts & ACCEPTS_BR && page.br) return 'br';
  if (accepts & ACCEPTS_GZIP && page.gzip) return 'gzip';
  return 'identity';
}

/** Picks the smallest encoding the client accepts (q=0 excludes one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepts = acceptedEncodings(acceptEncoding);
  return accepts & ACCEPTS_BR ? 'br' : accepts & ACCEPTS_GZIP ? 'gzip' : 'identity';
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

const bestBrotli = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size } });
// Brotli's fastest level, 0: still about a third of the size of an article. Measured on the ALS
// article (43 KB): 0.19 ms and 16.3 KB, against 0.28 ms and 15.9 KB at level 1; a miss is sent at
// once and its best form (10.9 KB) follows a moment later, so the reader who missed gets the speed.
const fastBrotli = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: size } });

function etagOf(identity: Buffer): string {
  return `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`;
}

/**
 * A page that can be sent now: its bytes, and the compressed forms asked for at the fastest level,
 * made here on the request path (well under a millisecond each for an article). The best forms
 * come later (`withBestForms`).
 */
export function quickPage(status: number, contentType: string, body: string | Buffer, forms: readonly Encoding[] = []): CachedPage {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const page: CachedPage = { status, contentType, etag: etagOf(identity), identity, final: false };
  if (forms.includes('br')) page.br = brotliCompressSync(identity, fastBrotli(identity.length));
  if (forms.includes('gzip')) page.gzip = gzipSync(identity, { level: 1 });
  return page;
}

/**
 * The page with its best gzip and brotli forms. Compression runs on libuv's thread pool, so it
 * (brotli at its best setting takes ~20 ms for an article) does not stall other requests.
 */
async function withBestForms(page: CachedPage): Promise<CachedPage> {
  const [gz, br] = await Promise.all([gzipAsync(page.identity, { level: 9 }), brotliAsync(page.identity, bestBrotli(page.identity.length))]);
  return { ...page, gzip: gz, br, final: true };
}

export async function compressPage(status: number, contentType: string, body: string | Buffer): Promise<CachedPage> {
  return withBestForms(quickPage(status, contentType, body));
}

/** What a page costs in memory: its three forms and a little for the entry itself. */
export function pageBytes(key: string, page: CachedPage): number {
  return page.identity.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0) + key.length * 2 + 200;
}

const afterThisTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PageCacheOptions {
  /** Upper bound of the bytes held, all forms of every page counted; the least recently used pages go first. */
  maxBytes?: number;
}

/**
 * Rendered public pages, bytes and compressed forms, by URL. Bounded in bytes (least recently used
 * first out), so odd URLs cannot grow it without limit; cleared whenever content changes (in this
 * process, or in another one through the database's content version, which the app polls).
 *
 * A page rendered on a miss is kept at once with what it has, and its best gzip and brotli forms
 * replace it when they are ready, so no reader waits for the slow compression.
 */
export class PageCache {
  // A Map keeps insertion order: the first key is the least recently used one.
  private readonly pages = new Map<string, CachedPage>();
  private readonly maxBytes: number;
  private pending = new Map<string, Promise<CachedPage>>();
  private readonly background = new Set<Promise<void>>();
  private heldBytes = 0;
  generation = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /**
   * Renders a page once even when many readers ask for it at the same moment. A page that is not
   * final yet is kept as it is, and its best forms are made in the background.
   */
  async getOrRender(key: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const hit = this.get(key);
    if (hit) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const promise = render().finally(() => {
      if (this.pending.get(key) === promise) this.pending.delete(key);
    });
    this.pending.set(key, promise);
    const page = await promise;
    if (generation === this.generation) {
      this.set(key, page);
      if (!page.final) this.finishInBackground(key, page);
    }
    return page;
  }

  private finishInBackground(key: string, page: CachedPage): void {
    // Starting the compressors costs the main thread about a millisecond (their state is set up
    // there), so they start after the page has been written to the reader who missed.
    const done = afterThisTurn()
      .then(() => withBestForms(page))
      .then((best) => {
        // Swapped in only if the page is still the one held (not dropped, evicted or re-rendered meanwhile).
        if (this.pages.get(key) === page) this.set(key, best, false);
      })
      .catch(() => {
        // zlib does not fail on a buffer; if it ever did, the page keeps the forms it has
      })
      .finally(() => this.background.delete(done));
    this.background.add(done);
  }

  private set(key: string, page: CachedPage, touch = true): void {
    const old = this.pages.get(key);
    if (old) {
      this.heldBytes -= pageBytes(key, old);
      if (touch) this.pages.delete(key);
    }
    const bytes = pageBytes(key, page);
    if (bytes > this.maxBytes) {
      this.pages.delete(key);
      return;
    }
    this.pages.set(key, page);
    this.heldBytes += bytes;
    for (const [oldest, evicted] of this.pages) {
      if (this.heldBytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.heldBytes -= pageBytes(oldest, evicted);
    }
  }

  /** Resolves once no best form is being made (tests, and the warmer between pages). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all(this.background);
  }

  clear(): void {
    this.generation += 1;
    this.pages.clear();
    this.heldBytes = 0;
    this.pending = new Map();
  }

  get size(): number {
    return this.pages.size;
  }

  /** Bytes held, all forms counted. */
  get bytes(): number {
    return this.heldBytes;
  }
}
