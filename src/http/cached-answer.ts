import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptedEncodings, encodingFor, etagFor, matchesEtag, type CachedPage, type Encoding } from '#src/platform/page-cache.ts';

/** One encoding of a page: its whole header block (security headers included), worked out once. */
interface Form {
  etag: string;
  head: string[];
  notModified: string[];
  body: Buffer;
}

type Forms = Partial<Record<Encoding, Form>>;

/** The route config of routes that answer with a header block of their own (see cachedAnswer). */
export const OWN_HEADERS = { ownHeaders: true } as const;

export function ownsHeaders(config: unknown): boolean {
  return (config as { ownHeaders?: boolean } | undefined)?.ownHeaders === true;
}

/**
 * Writes a cached page (or its 304) with the headers it was prepared with, on the raw response:
 * from a route (after `reply.hijack()`) or from the fast lane, before any routing.
 */
export type RawAnswer = (headers: IncomingHttpHeaders, res: ServerResponse, page: CachedPage) => void;

function flat(headers: Record<string, string>): string[] {
  return Object.entries(headers).flat();
}

/** `common` is flat already (name, value, name, value…), and names none of the headers added here. */
function prepare(page: CachedPage, encoding: Encoding, common: readonly string[]): Form {
  const body = page[encoding] as Buffer;
  const etag = etagFor(page, encoding);
  const notModified = [...common, 'etag', etag];
  const encoded = encoding === 'identity' ? [] : ['content-encoding', encoding];
  const head = [...notModified, 'content-type', page.contentType, ...encoded, 'content-length', String(body.length)];
  return { etag, head, notModified, body };
}

/**
 * The answer for pages that are the same for every reader. A cached page is answered thousands of
 * times, so its header block is built once per page and encoding and written in one call, past
 * Fastify's reply (no hook or header merging in between): the route that uses it must set no header
 * of its own elsewhere (it is registered with `config.ownHeaders`, see security-headers.ts).
 */
export function preparedAnswer(securityHeaders: Record<string, string>, cacheControl: string): RawAnswer {
  const shared: Record<string, string> = { ...securityHeaders, 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  for (const name of ['etag', 'content-type', 'content-encoding', 'content-length']) {
    if (name in shared) throw new Error(`the common headers of a cached answer must not set ${name}`);
  }
  const common = flat(shared);
  // Pages are replaced, never changed, so a page's prepared forms live exactly as long as the page.
  const prepared = new WeakMap<CachedPage, Forms>();
  return (headers, res, page) => {
    let forms = prepared.get(page);
    if (!forms) {
      forms = {};
      prepared.set(page, forms);
    }
    // Each form's header block is made when a client first asks for that form: on a miss, only the
    // one sent is (a page rendered on a miss is replaced by its best forms a moment later).
    const encoding = encodingFor(acceptedEncodings(headers['accept-encoding']), page);
    const form = (forms[encoding] ??= prepare(page, encoding, common));
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch !== undefined && (ifNoneMatch === form.etag || matchesEtag(ifNoneMatch, page))) {
      res.writeHead(304, form.notModified);
      res.end();
      return;
    }
    res.writeHead(page.status, form.head);
    res.end(form.body);
  };
}

/** A route's answer with a prepared header block (see preparedAnswer). */
export type CachedAnswer = (request: FastifyRequest, reply: FastifyReply, page: CachedPage) => void;

export function cachedAnswer(securityHeaders: Record<string, string>, cacheControl: string): CachedAnswer {
  return fromRoute(preparedAnswer(securityHeaders, cacheControl));
}

/** The raw answer used from a route: Fastify is told that the route writes the response itself. */
export function fromRoute(answer: RawAnswer): CachedAnswer {
  return (request, reply, page) => {
    reply.hijack();
    answer(request.headers, reply.raw, page);
  };
}

/** Pages rendered per request (search): sent through Fastify, so headers other hooks set (rate limits) stay. */
export function sendFresh(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const encoding = encodingFor(acceptedEncodings(request.headers['accept-encoding']), page);
  reply.headers({ 'cache-control': 'no-cache', vary: 'Accept-Encoding', etag: etagFor(page, encoding) });
  if (matchesEtag(request.headers['if-none-match'], page)) return reply.code(304).send();
  reply.code(page.status).header('content-type', page.contentType);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(page[encoding]);
}
