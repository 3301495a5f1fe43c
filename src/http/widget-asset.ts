import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { compressPage, type CachedPage } from '#src/platform/page-cache.ts';
import { ALGORITHM } from '#src/platform/proof-of-work.ts';
import { cachedAnswer, OWN_HEADERS } from './cached-answer.ts';
import { startWidget } from './widget-start.ts';

/*
 * The ALTCHA proof-of-work widget (npm package `altcha`, MIT), served by the app itself: no third
 * party sees a patient's browser, and the widget needs nothing added to the Content-Security-Policy.
 *
 * What each build of altcha 3 needs from the policy (read from the package's dist/ files, and
 * checked in a browser by test/e2e/proof-of-work.test.ts):
 * - dist/main (the default build) puts its stylesheet into a <style> element it creates, which
 *   `style-src 'self' <hash of our own inline style>` refuses (it would need 'unsafe-inline' or a
 *   hash of altcha's CSS, which changes with every release), and starts its workers from blob: URLs
 *   made of code inside the script (it would need `worker-src blob:`).
 * - dist/external/altcha.umd.cjs injects its CSS as a <style> too (Vite's CSS-in-JS for UMD).
 * - dist/external/altcha.min.js creates no <style> and no worker: it expects the page to link
 *   dist/external/altcha.css and to register a worker per algorithm with
 *   `$altcha.algorithms.set(name, () => new Worker(url))`. Inline `style` it sets goes through the
 *   CSSOM (element.style.setProperty), which CSP does not govern.
 * So the external build is served, with its stylesheet and the PBKDF2 worker as files of their own
 * under 'self': `script-src 'self'` (workers fall back to it), `style-src 'self'` and
 * `connect-src 'self'` (the challenge request) already allow all of it. No 'unsafe-inline', no blob:.
 *
 * The script served is the widget's code inside start-up code of ours (widget-start.ts), so a page
 * needs one <script> only, and the stylesheet and worker are found by their hashed names. The
 * widget's code imports and exports nothing, so inside a function it runs the same in a module
 * (`<script type="module">`) as in a classic script (`<script defer>`), and leaves no global names.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';
const JS = 'text/javascript; charset=utf-8';

/** What the pages need: the script to load. The other two are loaded by the script itself. */
export interface WidgetAssets {
  url: string;
  styleUrl: string;
  workerUrl: string;
}

/**
 * The widget's files in node_modules/altcha, resolved through the package's own "exports" (each
 * specifier written out in full, which is also how knip sees that the package is used).
 */
function widgetSources() {
  const external = new URL(import.meta.resolve('altcha/external'));
  return {
    widget: new URL('altcha.min.js', external),
    style: new URL(import.meta.resolve('altcha/altcha.css')),
    // The only algorithm the server issues (platform/proof-of-work.ts); its worker is a classic script.
    worker: new URL(import.meta.resolve('altcha/workers/pbkdf2')),
    version: (JSON.parse(readFileSync(new URL('../../package.json', external), 'utf8')) as { version: string }).version,
  };
}

/** The served script: the widget's code handed to startWidget, with the addresses it needs. */
function widgetScript(o: { widget: string; version: string; styleUrl: string; workerUrl: string }): string {
  if (!ALGORITHM.startsWith('PBKDF2/')) throw new Error(`the widget is served with the PBKDF2 worker, but challenges use ${ALGORITHM}`);
  const args = [o.styleUrl, o.workerUrl, ALGORITHM].map((value) => JSON.stringify(value)).join(', ');
  return `/* ALTCHA widget ${o.version} (https://github.com/altcha-org/altcha, MIT licence), "external" build, started by Caresite. */
'use strict';
(${startWidget.toString()})(${args}, function () {
${o.widget}
});
`;
}

async function fingerprinted(name: string, ext: string, contentType: string, body: string | Buffer): Promise<{ url: string; page: CachedPage }> {
  const page = await compressPage(200, contentType, body);
  return { url: `/static/${name}.${page.etag.slice(1, 9)}${ext}`, page };
}

/**
 * Serves the widget's script, stylesheet and worker under content-hashed names with a year-long
 * immutable cache, as http/assets.ts serves app.js: a new altcha release gets new names.
 */
export async function registerWidgetAsset(app: FastifyInstance, securityHeaders: Record<string, string>): Promise<WidgetAssets> {
  const source = widgetSources();
  const [style, worker] = await Promise.all([
    fingerprinted('altcha', '.css', 'text/css; charset=utf-8', readFileSync(source.style)),
    fingerprinted('altcha-pbkdf2', '.js', JS, readFileSync(source.worker)),
  ]);
  // The script names the other two, so it is built (and hashed) after them.
  const script = await fingerprinted('altcha', '.js', JS, widgetScript({ widget: readFileSync(source.widget, 'utf8'), version: source.version, styleUrl: style.url, workerUrl: worker.url }));
  const answer = cachedAnswer(securityHeaders, IMMUTABLE);
  for (const asset of [script, style, worker]) {
    app.get(asset.url, { config: OWN_HEADERS }, (request, reply) => answer(request, reply, asset.page));
  }
  return { url: script.url, styleUrl: style.url, workerUrl: worker.url };
}
