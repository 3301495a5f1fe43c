import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importContent } from '#src/content/importer.ts';
import { ContentError } from '#src/content/content-error.ts';
import { articleForm, editorialDesk, postFrom } from '../../../test/editorial.ts';
import { demoContent } from '../../../test/helper.ts';
import { get, makeUser, signIn } from '../../../test/staff.ts';

const editorUrl = '/admin/articles/en/walking-aids';
const careful = 'Walking aids such as a stick or a frame can make walking safer for some people with ALS [1].\n\n## Getting one\n\nA physiotherapist can check which aid suits you.';

async function newArticle(desk: Awaited<ReturnType<typeof editorialDesk>>) {
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles/new', '/admin/articles/new', { title: 'Walking aids in ALS', slug: 'walking-aids', lang: 'en' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, `${editorUrl}?m=created`);
}

async function headNumber(desk: Awaited<ReturnType<typeof editorialDesk>>, slug = 'walking-aids'): Promise<number> {
  const state = await desk.app.services.editorial.state(slug, 'en');
  assert.ok(state);
  return state.head.number;
}

async function writeAndSubmit(desk: Awaited<ReturnType<typeof editorialDesk>>, body = careful) {
  await newArticle(desk);
  const saved = await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, articleForm({ title: 'Walking aids in ALS', summary: 'How a stick, a frame or a wheelchair can help.', body, revision: 1, op: 'submit' }));
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
  assert.equal(saved.headers.location, `${editorUrl}?m=submitted`);
}

test('an editor writes and submits an article; a medical reviewer approves it and it goes online with the review dates', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk);
  assert.equal((await desk.app.fastify.inject('/articles/walking-aids')).statusCode, 404, 'nothing online before approval');
  const mail = await desk.app.db.kysely.selectFrom('outbox').select('payload').execute();
  assert.ok(mail.some((m) => m.payload.includes('reviewer@clinic.example') && m.payload.includes('Walking aids in ALS')), 'the reviewer is emailed');

  const queue = await get(desk.app, '/admin/articles?status=in_review', desk.reviewer.jar);
  assert.match(queue.body, /Walking aids in ALS/);
  const approved = await postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision: String(await headNumber(desk)), op: 'approve', publish: 'now', nextReviewAt: '', reason: '' });
  assert.equal(approved.statusCode, 303, approved.body.slice(0, 3000));
  assert.equal(approved.headers.location, `${editorUrl}?m=published`);

  const page = await desk.app.fastify.inject('/articles/walking-aids');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Walking aids in ALS/);
  assert.match(page.body, /Bilal Hussain/, 'the reviewer readers see is the approving account’s profile');
  assert.match(page.body, /1 December 2026/, 'reviewed today');
  assert.match(page.body, /1 December 2027/, 'next review in a year (the default interval)');
  const audit = await desk.app.db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', 'en/walking-aids').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['article.approved', 'article.created', 'article.published', 'article.saved', 'article.submitted']);
});

test('a later edit sends the article back to draft while readers keep the approved version', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk);
  await postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision: String(await headNumber(desk)), op: 'approve', publish: 'now', reason: '' });
  const edited = await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, articleForm({ title: 'Walking aids in ALS', summary: 'How a stick, a frame or a wheelchair can help.', body: `${careful}\n\nA NEW PARAGRAPH NOT YET REVIEWED.`, revision: await headNumber(desk) }));
  assert.equal(edited.statusCode, 303);
  const state = await desk.app.services.editorial.state('walking-aids', 'en');
  assert.equal(state?.workflow.status, 'draft');
  const page = await desk.app.fastify.inject('/articles/walking-aids');
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /NOT YET REVIEWED/);
  const list = await get(desk.app, '/admin/articles', desk.editor.jar);
  assert.match(list.body, /Walking aids in ALS/);
});

test('a save made from an older revision is refused, the typed text is kept, and nothing stored is lost', async (t) => {
  const desk = await editorialDesk(t);
  await newArticle(desk);
  const form = (body: string) => articleForm({ title: 'Walking aids in ALS', summary: 'Summary.', body, revision: 1 });
  assert.equal((await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, form('First editor’s text.'))).statusCode, 303);
  const late = await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, form('Second editor’s text, typed on an old copy.'));
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /Second editor’s text, typed on an old copy\./, 'the typed text is in the form');
  assert.match(late.body, /Someone saved a newer version/);
  assert.match(late.body, /name="revision" value="2"/, 'saving again builds on the newest revision');
  const state = await desk.app.services.editorial.state('walking-aids', 'en');
  assert.equal(state?.fields.body, 'First editor’s text.');
});

test('bad input comes back with every value kept and nothing saved', async (t) => {
  const desk = await editorialDesk(t);
  await newArticle(desk);
  const res = await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, { ...articleForm({ title: 'T', summary: 'S', body: 'Body I typed.', revision: 1 }), video: 'not a link' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Body I typed\./);
  assert.match(res.body, /value="not a link"/);
  assert.match(res.body, /href="#f-video"/, 'the error summary links to the field');
  assert.equal(await headNumber(desk), 1);
  const missing = await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, { ...articleForm({ title: 'Walking aids', summary: '', body: 'Text.', revision: 1, op: 'submit' }), author: '' });
  assert.equal(missing.statusCode, 409);
  assert.match(missing.body, /Before review the article needs: Summary, Author/);
  assert.equal((await desk.app.services.editorial.state('walking-aids', 'en'))?.workflow.status, 'draft');
});

test('the slug of a new article must be free in its language', async (t) => {
  const desk = await editorialDesk(t);
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles/new', '/admin/articles/new', { title: 'ALS again', slug: 'als-overview', lang: 'en' });
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /already exists/);
  assert.match(res.body, /value="ALS again"/);
  const bad = await postFrom(desk.app, desk.editor.jar, '/admin/articles/new', '/admin/articles/new', { title: 'X', slug: 'Not A Slug!', lang: 'en' });
  assert.equal(bad.statusCode, 400);
});

test('approving with open claim errors needs a reason, which is kept with the revision', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk, 'This treatment cures ALS and is completely safe.\n\nIt reverses the disease in every patient.');
  const revision = String(await headNumber(desk));
  const without = await postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision, op: 'approve', publish: 'now', reason: '' });
  assert.equal(without.statusCode, 409);
  assert.match(without.body, /give a reason to approve anyway/);
  assert.equal((await desk.app.services.editorial.state('walking-aids', 'en'))?.workflow.status, 'in_review');
  const withReason = await postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision, op: 'approve', publish: 'later', reason: 'Test fixture: wording checked with the author.' });
  assert.equal(withReason.statusCode, 303);
  const revisions = await get(desk.app, `${editorUrl}/revisions`, desk.reviewer.jar);
  assert.match(revisions.body, /wording checked with the author/);
});

test('only a medical reviewer with a linked profile can approve', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk);
  const revision = String(await headNumber(desk));
  const byEditor = await postFrom(desk.app, desk.editor.jar, editorUrl, `${editorUrl}/review`, { revision, op: 'approve', publish: 'now', reason: '' });
  assert.equal(byEditor.statusCode, 403);
  const unlinked = await makeUser(desk.app, 'unlinked@clinic.example', ['reviewer']);
  const jar = (await signIn(desk.app, unlinked.email, undefined, '10.1.0.9')).cookies;
  const refused = await postFrom(desk.app, jar, editorUrl, `${editorUrl}/review`, { revision, op: 'approve', publish: 'now', reason: '' });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /not linked to a medical reviewer/);
});

test('approvals sent at once approve and publish once', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk);
  const revision = String(await headNumber(desk));
  const results = await Promise.all(Array.from({ length: 8 }, () => postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision, op: 'approve', publish: 'now', reason: '' })));
  assert.equal(results.filter((r) => r.statusCode === 303).length, 1, results.map((r) => r.statusCode).join());
  const actions = await desk.app.db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', 'en/walking-aids').execute();
  assert.equal(actions.filter((a) => a.action === 'article.approved').length, 1);
  assert.equal(actions.filter((a) => a.action === 'article.published').length, 1);
});

test('revisions can be compared as a readable diff and an old one restored', async (t) => {
  const desk = await editorialDesk(t);
  await newArticle(desk);
  const form = (body: string, revision: number) => articleForm({ title: 'Walking aids in ALS', summary: 'Summary.', body, revision });
  await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, form('A stick can help.', 1));
  await postFrom(desk.app, desk.editor.jar, editorUrl, editorUrl, form('A frame can help.', 2));
  const diff = await get(desk.app, `${editorUrl}/compare?from=2&to=3`, desk.editor.jar);
  assert.equal(diff.statusCode, 200);
  assert.match(diff.body, /<del>stick<\/del>/);
  assert.match(diff.body, /<ins>frame<\/ins>/);
  const restored = await postFrom(desk.app, desk.editor.jar, `${editorUrl}/revisions`, `${editorUrl}/revisions/2/restore`, { revision: '3' });
  assert.equal(restored.statusCode, 303);
  const state = await desk.app.services.editorial.state('walking-aids', 'en');
  assert.equal(state?.head.number, 4, 'a restore is a new revision; revision 3 is kept');
  assert.equal(state?.fields.body, 'A stick can help.');
});

test('autosave keeps one draft revision per person and answers in JSON', async (t) => {
  const desk = await editorialDesk(t);
  await newArticle(desk);
  const form = (body: string, revision: number) => articleForm({ title: 'Walking aids in ALS', summary: 'Summary.', body, revision });
  const first = await postFrom(desk.app, desk.editor.jar, editorUrl, `${editorUrl}/autosave`, form('Typing…', 1));
  assert.equal(first.statusCode, 200);
  assert.deepEqual(JSON.parse(first.body), { saved: true, revision: 2, message: 'Draft saved.' });
  const second = await postFrom(desk.app, desk.editor.jar, editorUrl, `${editorUrl}/autosave`, form('Typing more…', 2));
  assert.equal(JSON.parse(second.body).revision, 2, 'the autosave replaced the previous one');
  assert.equal((await desk.app.services.editorial.state('walking-aids', 'en'))?.fields.body, 'Typing more…');
});

test('the live preview renders with the public renderer and returns the checks’ findings', async (t) => {
  const desk = await editorialDesk(t);
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles', '/admin/articles/preview', { ...articleForm({ title: 'T', summary: 'S', body: 'Our therapy cures ALS.\n\n<script>alert(1)</script>', revision: 1 }), lang: 'en' });
  assert.equal(res.statusCode, 200);
  const json = JSON.parse(res.body) as { preview: string; findings: string };
  assert.match(json.preview, /Our therapy cures ALS\./);
  assert.doesNotMatch(json.preview, /<script>/, 'raw HTML is not rendered');
  assert.match(json.findings, /claims\//);
});

test('a scheduled article goes online when its time comes', async (t) => {
  const desk = await editorialDesk(t);
  await writeAndSubmit(desk);
  await postFrom(desk.app, desk.reviewer.jar, editorUrl, `${editorUrl}/review`, { revision: String(await headNumber(desk)), op: 'approve', publish: 'later', reason: '' });
  const past = await postFrom(desk.app, desk.editor.jar, editorUrl, `${editorUrl}/publish`, { op: 'schedule', date: '2026-11-30', time: '09:00' });
  assert.equal(past.statusCode, 409);
  assert.match(past.body, /Choose a time in the future/);
  const scheduled = await postFrom(desk.app, desk.editor.jar, editorUrl, `${editorUrl}/publish`, { op: 'schedule', date: '2026-12-02', time: '09:00' });
  assert.equal(scheduled.statusCode, 303);
  assert.equal((await desk.app.services.editorial.state('walking-aids', 'en'))?.workflow.publish_at, '2026-12-02T04:00:00.000Z', '09:00 in Karachi');
  assert.equal(await desk.app.services.editorial.publishDue(), 0);
  desk.clock.advance(86_400_000);
  assert.equal(await desk.app.services.editorial.publishDue(), 1);
  assert.equal(await desk.app.services.editorial.publishDue(), 0, 'published once');
  await desk.app.refreshContent();
  assert.equal((await desk.app.fastify.inject('/articles/walking-aids')).statusCode, 200);
});

test('an import never silently overwrites an article edited in the dashboard', async (t) => {
  const desk = await editorialDesk(t);
  const url = '/admin/articles/en/als-overview';
  const state = await desk.app.services.editorial.state('als-overview', 'en');
  assert.ok(state);
  const edited = await postFrom(desk.app, desk.editor.jar, url, url, { ...articleForm({ title: state.fields.title, summary: state.fields.summary, body: `${state.fields.body}\n\nEdited in the dashboard.`, revision: state.head.number, references: state.fields.references }), author: state.fields.author, conditions: state.fields.conditions, treatments: state.fields.treatments });
  assert.equal(edited.statusCode, 303);
  await assert.rejects(importContent(desk.app.services, demoContent), (err: unknown) => err instanceof ContentError && /als-overview\.md/.test(err.message) && /changed in the dashboard/.test(err.message) && /--force/.test(err.message));
  assert.match((await desk.app.services.editorial.state('als-overview', 'en'))?.fields.body ?? '', /Edited in the dashboard\./, 'the edit is kept');
  await importContent(desk.app.services, demoContent, { force: true });
  const after = await desk.app.services.editorial.state('als-overview', 'en');
  assert.doesNotMatch(after?.fields.body ?? '', /Edited in the dashboard\./);
  assert.equal(after?.head.origin, 'import');
});

test('reviews past their date are highlighted in the list and counted on the overview', async (t) => {
  const desk = await editorialDesk(t);
  desk.clock.advance(2 * 365 * 86_400_000);
  // Sessions end after hours: sign in again two years later.
  const jar = (await signIn(desk.app, desk.reviewer.user.email, undefined, '10.1.0.7')).cookies;
  const list = await get(desk.app, '/admin/articles?overdue=yes', jar);
  assert.match(list.body, /class="overdue"/);
  assert.match(list.body, /past their next review date/);
  const overview = await get(desk.app, '/admin', jar);
  assert.match(overview.body, /<span class="n">4<\/span> <a href="\/admin\/articles\?overdue&#61;yes">Articles past their review date/, "all four demo articles are overdue two years on");
});

test('a translation approved before its source changed is marked out of date in the list and on the overview', async (t) => {
  const desk = await editorialDesk(t);
  const before = await get(desk.app, '/admin/articles?lang=ur', desk.editor.jar);
  assert.doesNotMatch(before.body, /Source changed since approval/);
  const url = '/admin/articles/en/als-overview';
  const state = await desk.app.services.editorial.state('als-overview', 'en');
  assert.ok(state);
  const form = { ...articleForm({ title: state.fields.title, summary: state.fields.summary, body: `${state.fields.body}\n\nA corrected sentence.`, revision: state.head.number, references: state.fields.references, op: 'submit' }), author: state.fields.author, conditions: state.fields.conditions, treatments: state.fields.treatments };
  assert.equal((await postFrom(desk.app, desk.editor.jar, url, url, form)).statusCode, 303);
  const approved = await postFrom(desk.app, desk.reviewer.jar, url, `${url}/review`, { revision: String(state.head.number + 1), op: 'approve', publish: 'now', reason: 'Demo article: findings reviewed.' });
  assert.equal(approved.statusCode, 303, approved.body.slice(0, 500));
  const list = await get(desk.app, '/admin/articles?lang=ur', desk.editor.jar);
  assert.match(list.body, /Source changed since approval/);
  assert.match(list.body, /1 translation\(s\) were approved before their English source last changed/);
  const overview = await get(desk.app, '/admin', desk.editor.jar);
  assert.match(overview.body, /<span class="n">1<\/span> <a href="\/admin\/articles\?lang&#61;ur">Translations older than their source/);
});

test('findings in the editor name the form’s fields, not a file’s front matter', async (t) => {
  const desk = await editorialDesk(t);
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles', '/admin/articles/preview', { ...articleForm({ title: 'T', summary: '', body: 'Riluzole lengthens survival by some months [3].', revision: 1, references: [] }), lang: 'en' });
  const { findings } = JSON.parse(res.body) as { findings: string };
  assert.doesNotMatch(findings, /front matter/);
  assert.match(findings, /References field/);
});

test('the clinic’s own words to avoid and glossary join the checks; a bad line is refused with the text kept', async (t) => {
  const desk = await editorialDesk(t);
  const page = '/admin/articles/checks';
  const bad = await postFrom(desk.app, desk.reviewer.jar, page, page, { rules: 'miracle => say what it does\nno arrow', glossary: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Line 2 of “Words to avoid”/);
  assert.match(bad.body, /no arrow/);
  assert.equal((await desk.app.services.editorial.clinicChecks()).rules.length, 0, 'nothing is saved from a form with a bad line');
  const byEditor = await postFrom(desk.app, desk.editor.jar, '/admin/articles', page, { rules: 'x => y', glossary: '' });
  assert.equal(byEditor.statusCode, 403, 'editors do not set the rules they are checked by');
  const saved = await postFrom(desk.app, desk.reviewer.jar, page, page, { rules: 'miracle, wonder cure => say what the treatment can do, with a source', glossary: 'fasciculations = small muscle twitches under the skin' });
  assert.equal(saved.statusCode, 303);
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles', '/admin/articles/preview', { ...articleForm({ title: 'T', summary: 'S', body: 'This wonder cure helps some people.\n\nALS can cause fasciculations in the arms.', revision: 1 }), lang: 'en' });
  const { findings } = JSON.parse(res.body) as { findings: string };
  assert.match(findings, /claims\/clinic-miracle/);
  assert.match(findings, /small muscle twitches under the skin/);
});

test('an uploaded image in the text is previewed as the responsive picture readers will get', async (t) => {
  const desk = await editorialDesk(t);
  const { default: sharp } = await import('sharp');
  const bytes = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
  const stored = await desk.app.services.media.store({ bytes, filename: 'frame.jpg', alt: 'A walking frame', by: { id: desk.editor.user.id, email: desk.editor.user.email, ip: '127.0.0.1' } });
  assert.ok(stored.ok);
  const res = await postFrom(desk.app, desk.editor.jar, '/admin/articles', '/admin/articles/preview', { ...articleForm({ title: 'T', summary: 'S', body: `Text.\n\n${stored.value.markdown}`, revision: 1 }), lang: 'en' });
  const { preview } = JSON.parse(res.body) as { preview: string };
  assert.match(preview, /<picture>/);
  assert.match(preview, /type="image\/avif"/);
  assert.match(preview, /alt="A walking frame"/);
  assert.match(preview, /width="\d+" height="\d+"/);
});
