import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { ownsHeaders } from './cached-answer.ts';

/**
 * helmet's headers never change between requests, so they are worked out once at start and set by
 * one synchronous hook (or written with a cached page's prepared headers). (The Fastify plugin rebuilds helmet's middleware on every request, which
 * cost more than a third of the time of answering a cached page.)
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let failed: unknown;
  helmet(options)({} as IncomingMessage, res, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

/**
 * Sets the headers first thing on every route, except routes that declare `config.ownHeaders`
 * (cached public pages), which write them in their prepared header block. Error pages and the
 * not-found handler set them too, because some errors are answered before any hook has run.
 */
export function applySecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  const hook: onRequestHookHandler = (_request, reply, done) => {
    reply.headers(headers);
    done();
  };
  app.addHook('onRoute', (route) => {
    if (ownsHeaders(route.config)) return;
    route.onRequest = [hook, ...[route.onRequest ?? []].flat()];
  });
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
};

/**
 * Fastify's clientErrorHandler: a request the HTTP parser cannot read (a bad request line, headers
 * too large) is answered on the raw socket, as Fastify's default does, but with the security headers.
 */
export function clientErrorHandler(headers: Record<string, string>): (error: Error & { code?: string }, socket: Duplex) => void {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
    const body = `${reason}\n`;
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${reason}\r\n${lines}content-type: text/plain; charset=utf-8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
}
