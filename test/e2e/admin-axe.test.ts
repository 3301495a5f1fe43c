// axe-core (WCAG 2.2 A/AA) on every page of the staff dashboard, on a phone and on a desktop.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { currentTotp } from '#src/features/staff/totp.ts';
import { assertNoAxeViolations } from './axe.ts';
import { viewportNames, type Viewport } from './browser.ts';
import { createStaff, pathOf, signIn, staffE2e, submit, submitSignIn, withTotp, type StaffAccount } from './staff-helpers.ts';

const h = staffE2e();

const assertNoViolations = assertNoAxeViolations;

/** A page in a context of its own; only these contexts bypass the app's CSP (script-src 'self' would block axe). */
const axePage = (viewport: Viewport) => h.page(viewport, { bypassCSP: true });

async function open(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), status, `${path} answered ${response?.status()}`);
  assert.equal(pathOf(page), path.split('?')[0], `${path} redirected to ${page.url()}`);
}

let admin: StaffAccount;
let withTwoStep: StaffAccount;
let coordinator: StaffAccount;

describe('axe on the staff dashboard', () => {
  before(async () => {
    admin = await createStaff(h.services, { email: 'axe-admin@clinic.example.org', name: 'Axe Admin' });
    withTwoStep = await withTotp(h.services, await createStaff(h.services, { email: 'axe-2fa@clinic.example.org', name: 'Axe Two-Step', roles: ['editor'] }));
    coordinator = await createStaff(h.services, { email: 'axe-coordinator@clinic.example.org', name: 'Axe Coordinator', roles: ['coordinator'] });
  });

  for (const viewport of viewportNames) {
    describe(`on ${viewport}`, () => {
      const label = (what: string) => `${what} (${viewport})`;

      test('signed out: sign-in, wrong password, forgotten password', async () => {
        const page = await axePage(viewport);
        await open(page, '/admin/sign-in');
        await assertNoViolations(page, label('/admin/sign-in'));

        const failed = await submitSignIn(page, 'nobody@clinic.example.org', 'not the right password');
        assert.equal(failed.status(), 401);
        await assertNoViolations(page, label('/admin/sign-in after a wrong password'));

        await open(page, '/admin/password/forgot');
        await assertNoViolations(page, label('/admin/password/forgot'));
        const invalid = await submit(page, page.getByRole('button', { name: 'Email me a link' }));
        assert.equal(invalid.status(), 400);
        await assertNoViolations(page, label('/admin/password/forgot with an error'));

        await open(page, '/ur/admin/sign-in');
        await assertNoViolations(page, label('/ur/admin/sign-in'));
        await page.context().close();
      });

      test('second step: /admin/sign-in/code, also with an error', async () => {
        const page = await axePage(viewport);
        await page.goto('/admin/sign-in');
        await submitSignIn(page, withTwoStep.email, withTwoStep.password);
        assert.equal(pathOf(page), '/admin/sign-in/code');
        await assertNoViolations(page, label('/admin/sign-in/code'));

        await page.getByRole('textbox', { name: 'Code', exact: true }).fill('000000');
        const failed = await submit(page, page.getByRole('button', { name: 'Verify' }));
        assert.equal(failed.status(), 401);
        await assertNoViolations(page, label('/admin/sign-in/code with an error'));
        await page.context().close();
      });

      test('admin pages', async () => {
        const page = await axePage(viewport);
        await signIn(page, admin);
        for (const path of ['/admin', '/admin/account', '/admin/account/2fa', '/admin/users', `/admin/users/${withTwoStep.id}`, '/admin/settings', '/admin/audit', '/admin/outbox', '/ur/admin', '/ur/admin/users']) {
          await open(page, path);
          await assertNoViolations(page, label(path));
        }

        // Forms sent back with errors. They are sent from the keyboard: on a phone, /admin/users is wider
        // than the screen (see admin-layout.test.ts), which makes a tap land on the wrong element.
        await open(page, '/admin/users');
        const invite = await submit(page, page.getByRole('button', { name: 'Send invitation' }), 'keyboard');
        assert.equal(invite.status(), 400);
        assert.ok(await page.locator('.error-summary').isVisible());
        await assertNoViolations(page, label('/admin/users invite with empty fields'));

        await open(page, `/admin/users/${withTwoStep.id}`);
        await page.getByRole('textbox', { name: 'Name' }).fill('');
        const edit = await submit(page, page.getByRole('button', { name: 'Save' }), 'keyboard');
        assert.equal(edit.status(), 400);
        await assertNoViolations(page, label('/admin/users/<id> with an empty name'));

        await open(page, '/admin/settings');
        await page.getByLabel('Sign out after this many idle minutes').fill('1');
        const settings = await submit(page, page.locator('form[action="/admin/settings/staff"]').getByRole('button'), 'keyboard');
        assert.equal(settings.status(), 400);
        await assertNoViolations(page, label('/admin/settings with an error'));
        await page.context().close();
      });

      test('setting up two-step verification: enrolment, recovery codes, account with it on', async () => {
        const enrolling = await createStaff(h.services, { email: `axe-enrol-${viewport}@clinic.example.org`, name: 'Axe Enrolling', roles: ['reviewer'] });
        const page = await axePage(viewport);
        await signIn(page, enrolling);
        await open(page, '/admin/account/2fa');
        await assertNoViolations(page, label('/admin/account/2fa'));

        const code = page.getByRole('textbox', { name: 'Code', exact: true });
        await code.fill('123');
        assert.equal((await submit(page, page.getByRole('button', { name: 'Turn on' }))).status(), 400);
        await assertNoViolations(page, label('/admin/account/2fa with an error'));

        const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '');
        await code.fill(currentTotp(secret));
        assert.equal((await submit(page, page.getByRole('button', { name: 'Turn on' }))).status(), 200);
        assert.equal(await page.locator('ul.codes li').count(), 10);
        await assertNoViolations(page, label('recovery codes'));

        await open(page, '/admin/account');
        await assertNoViolations(page, label('/admin/account with two-step verification on'));
        await page.context().close();
      });

      test('images: the upload page, an upload refused without alt text, and the list with the Markdown to copy', async () => {
        const page = await axePage(viewport);
        await signIn(page, admin);
        await open(page, '/admin/media');
        await assertNoViolations(page, label('/admin/media'));
        const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: viewport === 'phone' ? '#3a7bd5' : '#d53a7b' } }).jpeg().toBuffer();
        await page.setInputFiles('#f-file', { name: 'clinic.jpg', mimeType: 'image/jpeg', buffer: photo });
        const refused = await submit(page, page.getByRole('button', { name: 'Upload' }));
        assert.equal(refused.status(), 400);
        await assertNoViolations(page, label('/admin/media without alt text'));
        await page.getByRole('textbox', { name: 'Alt text' }).fill('The clinic’s waiting room');
        await page.setInputFiles('#f-file', { name: 'clinic.jpg', mimeType: 'image/jpeg', buffer: photo });
        const uploaded = await submit(page, page.getByRole('button', { name: 'Upload' }));
        assert.equal(uploaded.status(), 200);
        assert.match(await page.locator('#md-uploaded').inputValue(), /^!\[The clinic’s waiting room\]\(\/media\/[0-9a-f]{16}\)$/);
        assert.equal(await page.locator('.media-list img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 480, 'the thumbnail loads');
        await assertNoViolations(page, label('/admin/media with an image'));
        await open(page, '/ur/admin/media');
        await assertNoViolations(page, label('/ur/admin/media'));
        await page.context().close();
      });

      test('403 page for a coordinator', async () => {
        const page = await axePage(viewport);
        await signIn(page, coordinator);
        await open(page, '/admin/users', 403);
        await assertNoViolations(page, label('/admin/users refused (403)'));
        await page.context().close();
      });
    });
  }
});
