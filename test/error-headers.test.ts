import assert from 'node:assert/strict';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { importContent } from '#src/content/importer.ts';
import { fixtureContent, testBaseUrl, testDb } from './helper.ts';

type Headers = Record<string, string | string[] | number | undefined>;

function assertSecurityHeaders(what: string, status: number, headers: Headers): void {
  assert.ok(status >= 400, `${what}: expected an error status, got ${status}`);
  assert.match(String(headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/, `${what} (${status}): CSP`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${what} (${status}): nosniff`);
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN', `${what} (${status}): frame options`);
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', `${what} (${status}): referrer policy`);
}

/** Sends bytes the HTTP parser rejects and reads the raw answer (status line and headers). */
async function raw(port: number, request: string): Promise<{ status: number; headers: Headers }> {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.write(request);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const [head = ''] = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Headers = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

test('every 4xx and 5xx answer carries the security headers, public and /admin, whichever path produced it', async (t) => {
  const db = await testDb(t);
  const config = { ...loadConfig({ BASE_URL: testBaseUrl }), databaseUrl: 'test' };
  const app = await buildApp({ config, db, logger: false, contentPollMs: 0 });
  await importContent(app.services, fixtureContent);
  // Routes of this test's own that fail the two ways a route can: a bug (500) and a lost database (503).
  for (const prefix of ['', '/admin']) {
    app.fastify.get(`${prefix}/test-broken`, async () => {
      throw new Error('a bug');
    });
    app.fastify.get(`${prefix}/test-database-gone`, async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    });
  }
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.fastify.close());

  const big = 'x'.repeat(100 * 1024);
  const cases: { what: string; method?: 'GET' | 'POST' | 'DELETE'; url: string; payload?: string; headers?: Record<string, string>; status: number }[] = [
    { what: 'malformed URL', url: '/%ZZ', status: 400 },
    { what: 'malformed URL under /admin', url: '/admin/%ZZ', status: 400 },
    { what: 'malformed Urdu URL', url: '/ur/%E0%A4%A', status: 400 },
    { what: 'not found', url: '/nothing-here', status: 404 },
    { what: 'not found under /ur', url: '/ur/nothing-here', status: 404 },
    { what: 'not found under /admin', url: '/admin/nothing-here', status: 404 },
    { what: 'method not routed', method: 'DELETE', url: '/', status: 404 },
    { what: 'NUL byte', url: '/search?q=a%00b', status: 400 },
    { what: 'body too large', method: 'POST', url: '/admin/sign-in', payload: `email=${big}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 413 },
    { what: 'unsupported body type', method: 'POST', url: '/admin/sign-in', payload: '<x/>', headers: { 'content-type': 'application/xml' }, status: 415 },
    { what: 'failing route', url: '/test-broken', status: 500 },
    { what: 'failing /admin route', url: '/admin/test-broken', status: 500 },
    { what: 'database gone', url: '/test-database-gone', status: 503 },
    { what: 'database gone under /admin', url: '/admin/test-database-gone', status: 503 },
  ];
  for (const c of cases) {
    const res = await app.fastify.inject({ method: c.method ?? 'GET', url: c.url, payload: c.payload, headers: c.headers });
    assert.equal(res.statusCode, c.status, `${c.what}: ${c.url}`);
    assertSecurityHeaders(c.what, res.statusCode, res.headers);
    assert.doesNotMatch(res.body, /a bug|administrator command|at \w+ \(/, `${c.what}: no error details`);
  }

  const remoteAddress = '10.9.8.7';
  let limited = await app.fastify.inject({ url: '/search?q=a', remoteAddress });
  for (let i = 0; i < 60; i++) limited = await app.fastify.inject({ url: '/search?q=a', remoteAddress });
  assert.equal(limited.statusCode, 429);
  assertSecurityHeaders('rate limited', limited.statusCode, limited.headers);

  // Requests the HTTP parser itself refuses, answered on the raw socket.
  const { port } = app.fastify.server.address() as AddressInfo;
  const badLine = await raw(port, 'GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(badLine.status, 400);
  assertSecurityHeaders('unparseable request line', badLine.status, badLine.headers);
  const hugeHeaders = await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  assert.equal(hugeHeaders.status, 431);
  assertSecurityHeaders('header block too large', hugeHeaders.status, hugeHeaders.headers);
});
