import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfIn, get, makeUser, postForm, signIn, staffApp } from '../../../test/staff.ts';

const gateway = (channel: string, o: Record<string, string> = {}) => ({
  [`${channel}-url`]: '', [`${channel}-method`]: 'POST', [`${channel}-headers`]: '', [`${channel}-bodyFormat`]: 'json', [`${channel}-bodyTemplate`]: '{"to": "{to}", "text": "{text}"}', ...o,
});

test('admins set up the webhook and the gateways: bad input comes back as typed, the secret is kept or made, never shown or audited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await makeUser(app, 'ed@clinic.example', ['editor']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings/integrations', cookies);
  assert.equal(page.statusCode, 200);
  const base = { _csrf: csrfIn(page.body), ...gateway('sms'), ...gateway('whatsapp') };

  const bad = await postForm(app, '/admin/settings/integrations', cookies, { ...base, 'webhook-enabled': 'yes', 'webhook-url': 'http://crm.example/hook', 'webhook-secret': 'short', ...gateway('whatsapp', { 'whatsapp-enabled': 'yes', 'whatsapp-url': 'https://gw.example/send', 'whatsapp-method': 'GET' }) });
  assert.equal(bad.statusCode, 400);
  for (const id of ['f-webhook-url', 'f-webhook-secret', 'f-whatsapp-bodyFormat']) assert.match(bad.body, new RegExp(`id="${id}-error"|href="#${id}"`), id);
  assert.match(bad.body, /value="http:\/\/crm.example\/hook"/, 'typed values kept');
  assert.equal((await app.services.settings.integrations()).webhook.enabled, false, 'nothing stored');

  const good = await postForm(app, '/admin/settings/integrations', cookies, { ...base, 'webhook-enabled': 'yes', 'webhook-url': 'https://crm.example/hook', 'webhook-generate': 'yes' });
  assert.equal(good.statusCode, 303);
  const saved = await app.services.settings.integrations();
  assert.ok(saved.webhook.enabled && saved.webhook.secret.length >= 32);
  const again = await get(app, '/admin/settings/integrations', cookies);
  assert.ok(!again.body.includes(saved.webhook.secret), 'the secret is never shown back');
  assert.equal((await postForm(app, '/admin/settings/integrations', cookies, { ...base, 'webhook-enabled': 'yes', 'webhook-url': 'https://crm.example/other' })).statusCode, 303);
  assert.equal((await app.services.settings.integrations()).webhook.secret, saved.webhook.secret, 'a blank secret keeps the stored one');
  const audit = await app.db.kysely.selectFrom('audit_log').select('details').where('target_id', '=', 'integrations').execute();
  assert.ok(audit.length >= 2 && audit.every((a) => !a.details.includes(saved.webhook.secret)), 'audited without the secret');

  const editor = await signIn(app, 'ed@clinic.example');
  assert.equal((await get(app, '/admin/settings/integrations', editor.cookies)).statusCode, 403);
});
