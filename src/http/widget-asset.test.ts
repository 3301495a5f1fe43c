import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Script } from 'node:vm';
import Fastify from 'fastify';
import { registerWidgetAsset } from './widget-asset.ts';

async function served(t: { after: (fn: () => unknown) => void }) {
  const app = Fastify();
  const urls = await registerWidgetAsset(app, { 'content-security-policy': "default-src 'self'" });
  t.after(() => app.close());
  return { app, urls };
}

test('the widget, its stylesheet and its worker are served under hashed names, kept for a year', async (t) => {
  const { app, urls } = await served(t);
  assert.match(urls.url, /^\/static\/altcha\.[\w-]{8}\.js$/);
  assert.match(urls.styleUrl, /^\/static\/altcha\.[\w-]{8}\.css$/);
  assert.match(urls.workerUrl, /^\/static\/altcha-pbkdf2\.[\w-]{8}\.js$/);
  for (const [url, type] of [[urls.url, 'text/javascript'], [urls.styleUrl, 'text/css'], [urls.workerUrl, 'text/javascript']] as const) {
    const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    assert.equal(res.statusCode, 200, url);
    assert.ok(String(res.headers['content-type']).startsWith(type), url);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers['content-security-policy'], "default-src 'self'", 'the security headers go with it');
    const again = await app.inject({ url, headers: { 'if-none-match': String(res.headers.etag), 'accept-encoding': 'br' } });
    assert.equal(again.statusCode, 304);
  }
});

test('the script names the stylesheet and worker it loads, and runs as a classic script too', async (t) => {
  const { app, urls } = await served(t);
  const script = (await app.inject({ url: urls.url })).body;
  // startWidget's arguments: the stylesheet, the worker and the algorithm the server issues.
  assert.ok(script.includes(`(${JSON.stringify(urls.styleUrl)}, ${JSON.stringify(urls.workerUrl)}, "PBKDF2/SHA-256", function () {`));
  assert.ok(script.includes('customElements.define("altcha-widget"') || script.includes('"altcha-widget"'), "the widget's own code is inside");
  assert.match(script, /^\/\* ALTCHA widget \d+\.\d+\.\d+ /, 'it says what it is and under which licence');
  // Compiling as a classic script proves there is no import, export or top-level await in it.
  assert.doesNotThrow(() => new Script(script));
});
