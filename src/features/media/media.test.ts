import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { editorialDesk, type Desk } from '../../../test/editorial.ts';
import { testBaseUrl } from '../../../test/helper.ts';
import { csrfIn, get, header, makeUser, signIn, signInForm } from '../../../test/staff.ts';

type App = Desk['app'];
type Jar = Map<string, string>;

/** A photo-like JPEG (a gradient with noise) carrying EXIF: a GPS position, a description and the camera. */
async function photo(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
  const image = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { ImageDescription: 'home-of-patient', Make: 'PhoneCam', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '74/1 21/1 0/1' },
    });
  const bytes = await image.toBuffer();
  return options.orientation ? sharp(bytes).keepExif().withMetadata({ orientation: options.orientation }).jpeg({ quality: 90 }).toBuffer() : bytes;
}

/** A small PNG with a transparent half (a diagram on no background). */
function transparentPng(width: number, height: number): Promise<Buffer> {
  const half = { create: { width: Math.ceil(width / 2), height, channels: 4 as const, background: { r: 200, g: 40, b: 40, alpha: 1 } } };
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: half, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

/** Posts the upload form as a browser does (multipart), with the page's token unless told otherwise. */
async function upload(app: App, jar: Jar, o: { bytes?: Uint8Array; filename?: string; type?: string; alt?: string; csrf?: string | null; json?: boolean; headers?: Record<string, string>; url?: string }) {
  const url = o.url ?? '/admin/media';
  const form = new FormData();
  const token = o.csrf === undefined ? csrfIn((await get(app, '/admin/media', jar)).body) : o.csrf;
  if (token !== null) form.append('_csrf', token);
  form.append('alt', o.alt ?? 'A physiotherapist helps a patient stand up');
  if (o.bytes) form.append('file', new Blob([new Uint8Array(o.bytes)], { type: o.type ?? 'image/jpeg' }), o.filename ?? 'photo.jpg');
  const body = new Response(form);
  return app.fastify.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await body.arrayBuffer()),
    headers: { 'content-type': body.headers.get('content-type') ?? '', cookie: header(jar), ...(o.json === false ? { accept: 'text/html' } : { accept: 'application/json' }), ...o.headers },
  });
}

function variants(app: App, id: string) {
  return app.db.kysely.selectFrom('media_variants').select(['width', 'format', 'bytes', 'byte_length']).where('media_id', '=', id).orderBy('width').orderBy('format').execute();
}

test('an editor uploads a photo: avif and webp at 480, 960 and 1600, one jpg, no metadata left, served for good', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const original = await photo(2400, 1600);
  const input = await sharp(original).metadata();
  assert.ok(input.exif?.includes('home-of-patient'), 'the test photo carries EXIF');
  assert.ok(input.exif?.includes(Buffer.from([0x25, 0x88])) || input.exif?.includes(Buffer.from([0x88, 0x25])), 'and a GPS block');

  const res = await upload(app, editor.jar, { bytes: original, alt: 'تھراپسٹ مریض کو کھڑا ہونے میں مدد دے رہا ہے' });
  assert.equal(res.statusCode, 201, res.body);
  const { id, markdown, width, height } = res.json<{ id: string; markdown: string; width: number; height: number }>();
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(markdown, `![تھراپسٹ مریض کو کھڑا ہونے میں مدد دے رہا ہے](/media/${id})`);
  assert.deepEqual([width, height], [2400, 1600]);

  const stored = await variants(app, id);
  assert.deepEqual(stored.map((v) => `${v.width}.${v.format}`), ['480.avif', '480.webp', '960.avif', '960.jpg', '960.webp', '1600.avif', '1600.webp']);
  for (const v of stored) {
    const meta = await sharp(v.bytes).metadata();
    assert.equal(meta.width, v.width, `${v.width}.${v.format} width`);
    assert.equal(meta.height, Math.round((v.width * 1600) / 2400), `${v.width}.${v.format} height`);
    assert.equal(meta.format, v.format === 'jpg' ? 'jpeg' : v.format === 'avif' ? 'heif' : v.format);
    assert.equal(meta.exif, undefined, `${v.width}.${v.format} has no EXIF`);
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.iptc, undefined);
    assert.ok(!Buffer.from(v.bytes).includes('home-of-patient') && !Buffer.from(v.bytes).includes('PhoneCam'), 'nothing of the metadata in the bytes');
    assert.equal(v.byte_length, v.bytes.byteLength);
  }

  const webp = await app.fastify.inject(`/media/${id}/960.webp`);
  assert.equal(webp.statusCode, 200);
  assert.equal(webp.headers['content-type'], 'image/webp');
  assert.equal(webp.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(webp.headers['x-content-type-options'], 'nosniff');
  assert.match(String(webp.headers['content-security-policy']), /img-src 'self'/);
  assert.equal(Number(webp.headers['content-length']), stored.find((v) => v.width === 960 && v.format === 'webp')?.byte_length);
  const etag = String(webp.headers.etag);
  assert.ok(etag.startsWith('"'));
  const again = await app.fastify.inject({ url: `/media/${id}/960.webp`, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const avif = await app.fastify.inject(`/media/${id}/1600.avif`);
  assert.equal(avif.headers['content-type'], 'image/avif');
  const fallback = await app.fastify.inject(`/media/${id}`);
  assert.equal(fallback.statusCode, 200);
  assert.equal(fallback.headers['content-type'], 'image/jpeg');
  assert.equal((await sharp(fallback.rawPayload).metadata()).width, 960);
  const head = await app.fastify.inject({ method: 'HEAD', url: `/media/${id}/480.avif` });
  assert.equal(head.statusCode, 200);

  for (const url of [`/media/${id}/961.webp`, `/media/${id}/960.gif`, `/media/${id}/960.jpeg`, `/media/${'0'.repeat(16)}/960.webp`, `/media/${'0'.repeat(16)}`, '/media/nothex', `/media/${id}/0960.webp`, `/ur/media/${id}`]) {
    assert.equal((await app.fastify.inject(url)).statusCode, 404, url);
  }

  const audit = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'media.uploaded').execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.actor_id, editor.user.id);
  assert.equal(audit[0]?.target_id, id);
});

test('the same file uploaded twice is one image; a small one is never enlarged; transparency keeps a png; EXIF orientation is applied', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const original = await photo(800, 500);
  const first = await upload(app, editor.jar, { bytes: original });
  const second = await upload(app, editor.jar, { bytes: original, alt: 'Another description [with] *marks*' });
  assert.equal(first.statusCode, 201);
  assert.equal(second.statusCode, 200, 'found, not created');
  assert.equal(second.json<{ id: string }>().id, first.json<{ id: string }>().id);
  assert.equal(second.json<{ markdown: string }>().markdown, `![Another description \\[with\\] \\*marks\\*](/media/${first.json<{ id: string }>().id})`);
  const count = await app.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 1);
  // 800 px: 480 and its own 800 (more than a fifth wider than 480), nothing wider.
  assert.deepEqual((await variants(app, first.json<{ id: string }>().id)).map((v) => `${v.width}.${v.format}`), ['480.avif', '480.webp', '800.avif', '800.jpg', '800.webp']);

  const small = await upload(app, editor.jar, { bytes: await transparentPng(300, 120), filename: 'diagram.png', type: 'image/png' });
  assert.equal(small.statusCode, 201, small.body);
  const smallId = small.json<{ id: string }>().id;
  const smallVariants = await variants(app, smallId);
  assert.deepEqual(smallVariants.map((v) => `${v.width}.${v.format}`), ['300.avif', '300.png', '300.webp']);
  for (const v of smallVariants) assert.equal((await sharp(v.bytes).metadata()).width, 300, 'never enlarged');
  assert.equal((await sharp(smallVariants.find((v) => v.format === 'png')?.bytes).metadata()).hasAlpha, true);
  assert.equal((await app.fastify.inject(`/media/${smallId}`)).headers['content-type'], 'image/png');

  const turned = await upload(app, editor.jar, { bytes: await photo(600, 400, { orientation: 6 }) });
  assert.equal(turned.statusCode, 201, turned.body);
  assert.deepEqual([turned.json<{ width: number }>().width, turned.json<{ height: number }>().height], [400, 600], 'upright: portrait');
  const upright = await variants(app, turned.json<{ id: string }>().id);
  const meta = await sharp(upright.find((v) => v.format === 'webp')?.bytes).metadata();
  assert.deepEqual([meta.width, meta.height, meta.orientation], [400, 600, undefined]);
});

test('refused uploads: not an image (415), no alt text (400), over 10 MB (413), no file (400); each with its code and the alt text kept', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const text = Buffer.from('%PDF-1.4 this is not a picture at all\n'.repeat(50));
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>');
  const cases: { name: string; bytes?: Uint8Array; alt?: string; type?: string; status: number; code: string; field: string }[] = [
    { name: 'text', bytes: text, type: 'image/jpeg', status: 415, code: 'CS_ERR_IMAGE_NOT_SUPPORTED', field: 'file' },
    { name: 'svg', bytes: svg, type: 'image/svg+xml', status: 415, code: 'CS_ERR_IMAGE_NOT_SUPPORTED', field: 'file' },
    { name: 'cut-off jpeg', bytes: (await photo(400, 300)).subarray(0, 3000), status: 415, code: 'CS_ERR_IMAGE_NOT_SUPPORTED', field: 'file' },
    { name: 'no alt', bytes: await photo(200, 100), alt: '   ', status: 400, code: 'CS_ERR_IMAGE_ALT_MISSING', field: 'alt' },
    { name: 'too large', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 7), status: 413, code: 'CS_ERR_IMAGE_TOO_LARGE', field: 'file' },
    { name: 'too many pixels', bytes: await sharp({ create: { width: 9000, height: 6000, channels: 3, background: '#3a6' } }).jpeg().toBuffer(), status: 413, code: 'CS_ERR_IMAGE_TOO_MANY_PIXELS', field: 'file' },
    { name: 'no file', status: 400, code: 'CS_ERR_IMAGE_MISSING', field: 'file' },
  ];
  for (const c of cases) {
    const res = await upload(app, editor.jar, { ...c });
    assert.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 200)}`);
    const body = res.json<{ error: string; field: string; message: string }>();
    assert.equal(body.error, c.code, c.name);
    assert.equal(body.field, c.field, c.name);
    assert.ok(body.message.length > 10, c.name);
  }
  // Without JavaScript: the page again, the error beside its field, the alt text as typed.
  const alt = 'Diagram of the spinal cord <b>& nerves</b>';
  const page = await upload(app, editor.jar, { bytes: text, alt, json: false });
  assert.equal(page.statusCode, 415);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.body, /id="f-file-error"/);
  assert.match(page.body, /aria-invalid="true"/);
  assert.ok(page.body.includes('value="Diagram of the spinal cord &#60;b&#62;&#38; nerves&#60;/b&#62;"'), 'alt kept, escaped');
  const big = await upload(app, editor.jar, { bytes: Buffer.alloc(11 * 1024 * 1024, 1), alt: 'kept after a big file', json: false });
  assert.equal(big.statusCode, 413);
  assert.match(big.body, /value="kept after a big file"/);
  const noAlt = await upload(app, editor.jar, { bytes: await photo(200, 100), alt: '', json: false });
  assert.equal(noAlt.statusCode, 400);
  assert.match(noAlt.body, /id="f-alt-error"/);
  const count = await app.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'nothing stored');
  // A whole request far over any upload is cut off as a body too large.
  const flood = await app.fastify.inject({ method: 'POST', url: '/admin/media', payload: 'x', headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(200 * 1024 * 1024), cookie: header(editor.jar) } });
  assert.equal(flood.statusCode, 413);
});

test('who may upload: an editor yes; a coordinator 403; signed out 401; without the form token or from another site 403', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const bytes = await photo(200, 100);
  await makeUser(app, 'coordinator@clinic.example', ['coordinator']);
  const coordinator = (await signIn(app, 'coordinator@clinic.example', undefined, '10.1.0.9')).cookies;
  assert.equal((await get(app, '/admin/media', coordinator)).statusCode, 403);
  const token = csrfIn((await get(app, '/admin/account', coordinator)).body);
  assert.equal((await upload(app, coordinator, { bytes, csrf: token })).statusCode, 403);
  const signedOut = await signInForm(app);
  assert.equal((await upload(app, signedOut.cookies, { bytes, csrf: signedOut.csrf })).statusCode, 401, 'signed out');
  assert.equal((await upload(app, editor.jar, { bytes, csrf: null })).statusCode, 403, 'no token');
  assert.equal((await upload(app, editor.jar, { bytes, csrf: 'a'.repeat(43) })).statusCode, 403, 'wrong token');
  assert.equal((await upload(app, editor.jar, { bytes, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).statusCode, 403, 'another site');
  const refusals = await app.db.kysely.selectFrom('media').select('id').execute();
  assert.deepEqual(refusals, [], 'nothing stored');
  // The same post with the token and from this site goes through, in either language.
  assert.equal((await upload(app, editor.jar, { bytes, headers: { origin: testBaseUrl, 'sec-fetch-site': 'same-origin' } })).statusCode, 201);
  assert.equal((await upload(app, editor.jar, { bytes: await photo(210, 100), url: '/ur/admin/media' })).statusCode, 201);
  // Other dashboard forms still refuse multipart bodies.
  const form = new Response(new FormData());
  const elsewhere = await app.fastify.inject({ method: 'POST', url: '/admin/articles/new', payload: Buffer.from(await form.arrayBuffer()), headers: { 'content-type': form.headers.get('content-type') ?? '', cookie: header(editor.jar) } });
  assert.equal(elsewhere.statusCode, 415);
});

test('without JavaScript: the page uploads, redirects back with the Markdown to copy, and lists recent images', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const empty = await get(app, '/admin/media', editor.jar);
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /enctype="multipart\/form-data"/);
  assert.match(empty.body, /<a href="\/admin\/media" aria-current="page">/);
  const res = await upload(app, editor.jar, { bytes: await photo(1000, 600), alt: 'A nurse checks a patient’s breathing', json: false });
  assert.equal(res.statusCode, 303);
  const location = String(res.headers.location);
  assert.match(location, /^\/admin\/media\?uploaded=[0-9a-f]{16}&alt=/);
  const id = /uploaded=([0-9a-f]{16})/.exec(location)?.[1] ?? '';
  const page = await get(app, location, editor.jar);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`id="md-uploaded" type="text" readonly dir="ltr" value="![A nurse checks a patient’s breathing](/media/${id})"`), 'the Markdown to copy');
  assert.ok(page.body.includes(`src="/media/${id}/480.webp" width="480" height="288"`), 'a thumbnail in the list');
  const ur = await get(app, '/ur/admin/media', editor.jar);
  assert.match(ur.body, /تصاویر/);
});

test('an article with an uploaded image is published with a responsive picture: avif and webp srcsets, width and height, lazy', async (t) => {
  const { app, editor } = await editorialDesk(t);
  const res = await upload(app, editor.jar, { bytes: await photo(2000, 1200), alt: 'stored alt' });
  const { id } = res.json<{ id: string }>();
  const current = await app.services.articles.forEditing('als-overview', 'en');
  assert.ok(current);
  const a = current.article;
  const reviewer = await app.db.kysely.selectFrom('people').select('slug').where('id', '=', a.reviewer_id).executeTakeFirstOrThrow();
  await app.services.articles.save({
    slug: a.slug, lang: a.lang, status: 'published', title: a.title, summary: a.summary,
    body: `${a.body_md}\n\n![Physiotherapy helps keep muscles working](/media/${id} "At the clinic")\n\n![unknown](/media/${'f'.repeat(16)})\n`,
    author: current.author, reviewer: reviewer.slug, translator: current.translator || undefined, conditions: current.conditions, treatments: current.treatments,
    references: JSON.parse(a.references_json) as string[], published_at: a.published_at, reviewed_at: a.reviewed_at, next_review_at: a.next_review_at,
  });
  const page = await app.fastify.inject('/articles/als-overview');
  assert.equal(page.statusCode, 200);
  const srcset = (format: string) => [480, 960, 1600].map((w) => `/media/${id}/${w}.${format} ${w}w`).join(', ');
  const sizes = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';
  assert.ok(
    page.body.includes(`<picture><source type="image/avif" srcset="${srcset('avif')}" sizes="${sizes}"><source type="image/webp" srcset="${srcset('webp')}" sizes="${sizes}"><img src="/media/${id}" alt="Physiotherapy helps keep muscles working" title="At the clinic" loading="lazy" decoding="async" width="1600" height="960"></picture>`),
    page.body.slice(page.body.indexOf('<picture'), page.body.indexOf('</picture>') + 10),
  );
  assert.ok(page.body.includes(`<img src="/media/${'f'.repeat(16)}" alt="unknown" loading="lazy" decoding="async">`), 'an unknown image stays a plain img');
  const picture = page.body.slice(page.body.indexOf('<picture>'), page.body.indexOf('</picture>') + 10);
  const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>${picture}</p></body></html>`);
  assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), [], 'valid HTML');
  for (const url of [...page.body.matchAll(/\/media\/[0-9a-f]{16}\/\d+\.\w+/g)].map((m) => m[0])) assert.equal((await app.fastify.inject(url)).statusCode, 200, url);
});
