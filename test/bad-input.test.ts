import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { test } from 'node:test';
import { build, fixtureContent } from './helper.ts';

const nasty = [
  '/%E0%A4%A',
  '/articles/%FF%FE',
  '/articles/%00',
  '/articles/..%2F..%2Fetc%2Fpasswd',
  '/../../etc/passwd',
  "/articles/' OR 1=1 --",
  '/articles/<script>',
  '/articles?page=%ZZ',
  '/articles?page=1&page=2',
  '/ur/ur/articles',
  '/static/../package.json',
  '/' + 'a/'.repeat(500),
  '/conditions/' + encodeURIComponent('"><img src=x onerror=alert(1)>'),
];

test('malformed paths and query strings get a 4xx page, never a 500 or a stack trace', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const url of nasty) {
    const res = await fastify.inject(url);
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`);
    assert.doesNotMatch(res.body, /at .*\.(ts|js):\d+|Error:|stack/i, url);
    assert.doesNotMatch(res.body, /<img src=x|onerror=alert/, url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
  }
});

test('a search with broken percent-encoding is answered as the text it is', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const url of ['/search?q=%ZZ', '/search?q=%E0%A4%A', '/search?q=%FF%FE']) {
    assert.equal((await fastify.inject(url)).statusCode, 200, url);
  }
});

test('odd headers are answered normally', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const headers: Record<string, string>[] = [
    { 'accept-encoding': '%%%;q=abc, br;q=' },
    { 'if-none-match': '"' + 'x'.repeat(8000) },
    { 'accept-language': 'ur'.repeat(2000) },
    { cookie: 'a='.repeat(1000) },
    { 'user-agent': '\u00ff\u00fe' },
    { host: 'evil.example' },
  ];
  for (const h of headers) {
    const res = await fastify.inject({ url: '/articles/full-article', headers: h });
    assert.equal(res.statusCode, 200, JSON.stringify(h).slice(0, 60));
    assert.doesNotMatch(res.body, /evil\.example/, 'links come from BASE_URL, never from the Host header');
  }
});

test('only GET and HEAD reach public pages', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const head = await fastify.inject({ method: 'HEAD', url: '/articles/full-article' });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    const res = await fastify.inject({ method, url: '/articles/full-article', payload: 'x' });
    assert.equal(res.statusCode, 404, method);
  }
});

test('a huge header block is refused by the server with 431, not a crash', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address();
  assert.ok(address && typeof address === 'object');
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = netConnect(address.port, '127.0.0.1', () => {
      socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70000)}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    // Node answers 431 and resets the connection; what arrived before the reset is the answer.
    socket.on('error', (err) => (data ? resolve(data) : reject(err)));
  });
  assert.match(reply, /^HTTP\/1\.1 431/);
  const after = await fetch(`http://127.0.0.1:${address.port}/articles/full-article`);
  assert.equal(after.status, 200, 'the server still answers');
});

test('security headers: CSP without third parties, no framing, no sniffing', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/articles/full-article');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['x-powered-by'], undefined);
});

test('a NUL character anywhere in a request is refused as bad input (PostgreSQL cannot store one)', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const url of ['/articles/%00', '/search?q=a%00b', '/admin/audit?actor=%00', '/conditions/x%00y']) {
    const res = await fastify.inject(url);
    assert.equal(res.statusCode, 400, url);
  }
  const form = await fastify.inject({ method: 'POST', url: '/admin/sign-in', payload: 'email=a%00b&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.statusCode, 400);
});
