import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { compressPage, type CachedPage } from '#src/platform/page-cache.ts';
import type { Assets } from '#src/web/context.ts';
import { cachedAnswer, OWN_HEADERS } from './cached-answer.ts';

const dir = new URL('../web/static/', import.meta.url);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  url: string;
  page: CachedPage;
  cacheControl: string;
}

async function load(file: string, contentType: string, fingerprint: boolean): Promise<Asset> {
  const page = await compressPage(200, contentType, readFileSync(new URL(file, dir)));
  const [name, ext] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.'))];
  const url = fingerprint ? `/static/${name}.${page.etag.slice(1, 9)}${ext}` : `/${file}`;
  return { url, page, cacheControl: fingerprint ? IMMUTABLE : 'public, max-age=86400' };
}

/** Stylesheet and script under content-hashed names, so browsers keep them for a year. */
export async function registerAssets(app: FastifyInstance, securityHeaders: Record<string, string>): Promise<Assets & { adminCss: string; editorJs: string }> {
  const [css, js, adminCss, editorJs, icon] = await Promise.all([
    load('app.css', 'text/css; charset=utf-8', true),
    load('app.js', 'text/javascript; charset=utf-8', true),
    load('admin.css', 'text/css; charset=utf-8', true),
    load('editor.js', 'text/javascript; charset=utf-8', true),
    load('favicon.svg', 'image/svg+xml', false),
  ]);
  for (const asset of [css, js, adminCss, editorJs, icon]) {
    const answer = cachedAnswer(securityHeaders, asset.cacheControl);
    app.get(asset.url, { config: OWN_HEADERS }, (request, reply) => answer(request, reply, asset.page));
  }
  return { css: css.url, js: js.url, adminCss: adminCss.url, editorJs: editorJs.url };
}
