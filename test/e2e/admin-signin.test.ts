// The journey a member of staff makes in the browser: sign in, turn on two-step verification, sign out, sign in with a code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { currentTotp } from '#src/features/staff/totp.ts';
import { viewportNames } from './browser.ts';
import { createStaff, freshTotp, pathOf, screenshot, staffE2e, submit, submitSignIn, totpStep } from './staff-helpers.ts';

const h = staffE2e();

const heading = async (page: Page): Promise<string> => ((await page.locator('main h1').textContent()) ?? '').trim();
const mainText = async (page: Page): Promise<string> => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

async function signOut(page: Page): Promise<void> {
  await submit(page, page.locator('nav.admin-nav').getByRole('button', { name: 'Sign out' }));
  assert.equal(pathOf(page), '/admin/sign-in');
  assert.equal(new URL(page.url()).searchParams.get('m'), 'signed-out');
  assert.match(await mainText(page), /You have signed out\./);
}

async function enterCode(page: Page, code: string) {
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  return submit(page, page.getByRole('button', { name: 'Verify' }));
}

describe('staff sign-in in the browser', { concurrency: true }, () => {
  for (const viewport of viewportNames) {
    test(`sign in, set up two-step verification, sign out and back in with a code (${viewport})`, async () => {
      const account = await createStaff(h.services, { email: `journey-${viewport}@clinic.example.org`, name: `Journey ${viewport}` });
      const page = await h.page(viewport);

      // The dashboard sends a stranger to the sign-in page, remembering where they were going.
      const first = await page.goto('/admin');
      assert.equal(first?.status(), 200);
      assert.equal(pathOf(page), '/admin/sign-in');
      assert.equal(new URL(page.url()).searchParams.get('next'), '/admin');
      assert.equal(await heading(page), 'Staff sign-in');
      await screenshot(page, `sign-in-${viewport}`);

      // Email and password lead to the overview.
      const signedIn = await submitSignIn(page, account.email, account.password);
      assert.equal(signedIn.status(), 200);
      assert.equal(pathOf(page), '/admin');
      assert.equal(await heading(page), 'Overview');
      assert.match(await mainText(page), new RegExp(`Welcome, Journey ${viewport}\\.`));
      assert.match((await page.locator('.signed-in').textContent()) ?? '', new RegExp(`Signed in as ${account.email}`));
      await screenshot(page, `overview-${viewport}`);

      // My account → set up two-step verification.
      await submit(page, page.locator('nav.admin-nav').getByRole('link', { name: 'My account' }));
      assert.equal(pathOf(page), '/admin/account');
      assert.equal(await heading(page), 'My account');
      assert.match(await mainText(page), /Two-step verification\s*Off\./);
      await submit(page, page.getByRole('link', { name: 'Set up two-step verification' }));
      assert.equal(pathOf(page), '/admin/account/2fa');
      assert.equal(await heading(page), 'Set up two-step verification');

      const qr = page.locator('figure.qr svg');
      assert.ok(await qr.isVisible(), 'the QR code is not visible');
      const box = await qr.boundingBox();
      assert.ok(box && box.width >= 150 && box.height >= 150, `the QR code is too small to scan: ${JSON.stringify(box)}`);
      assert.ok(box.x >= 0 && box.x + box.width <= (page.viewportSize()?.width ?? 0), `the QR code does not fit the screen: ${JSON.stringify(box)}`);
      const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '');
      assert.match(secret, /^[A-Z2-7]{32}$/, 'the manual key is not a base32 secret');
      await screenshot(page, `enrol-${viewport}`);

      const enrolStep = totpStep();
      await page.getByRole('textbox', { name: 'Code', exact: true }).fill(currentTotp(secret));
      const enrolled = await submit(page, page.getByRole('button', { name: 'Turn on' }));
      assert.equal(enrolled.status(), 200);
      assert.equal(await heading(page), 'Your recovery codes');
      assert.match(await mainText(page), /Two-step verification is on\./);
      const codes = (await page.locator('ul.codes li').allTextContents()).map((c) => c.trim());
      assert.equal(codes.length, 10);
      for (const code of codes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}$/);
      assert.equal(new Set(codes).size, 10, 'recovery codes repeat');
      await screenshot(page, `recovery-codes-${viewport}`);

      await submit(page, page.getByRole('link', { name: 'I have saved my codes' }));
      assert.equal(pathOf(page), '/admin/account');
      assert.match(await mainText(page), /On since .+\. 10 recovery codes left\./);

      // Sign out; the dashboard is closed again.
      await signOut(page);
      await page.goto('/admin');
      assert.equal(pathOf(page), '/admin/sign-in');

      // Signing in again asks for a code; a fresh one from the app leads to the overview.
      await submitSignIn(page, account.email, account.password);
      assert.equal(pathOf(page), '/admin/sign-in/code');
      assert.equal(await heading(page), 'Two-step verification');
      await screenshot(page, `sign-in-code-${viewport}`);
      // Half-way through, the dashboard is still closed.
      await page.goto('/admin');
      assert.equal(pathOf(page), '/admin/sign-in/code');
      const { code } = await freshTotp(secret, enrolStep);
      const verified = await enterCode(page, code);
      assert.equal(verified.status(), 200);
      assert.equal(pathOf(page), '/admin');
      assert.equal(await heading(page), 'Overview');

      // A recovery code works instead of the app, once.
      await signOut(page);
      await submitSignIn(page, account.email, account.password);
      assert.equal(pathOf(page), '/admin/sign-in/code');
      const recovered = await enterCode(page, codes[0] ?? '');
      assert.equal(recovered.status(), 200);
      assert.equal(pathOf(page), '/admin');
      assert.equal(await heading(page), 'Overview');
      await page.goto('/admin/account');
      assert.match(await mainText(page), /9 recovery codes left\./);

      await signOut(page);
      await submitSignIn(page, account.email, account.password);
      const reused = await enterCode(page, codes[0] ?? '');
      assert.equal(reused.status(), 401);
      assert.equal(pathOf(page), '/admin/sign-in/code');
      assert.match((await page.locator('.error-summary').textContent()) ?? '', /That code is not right/);
      // Another unused code, typed in capitals without the dash, still works.
      const second = await enterCode(page, (codes[1] ?? '').replace('-', '').toUpperCase());
      assert.equal(second.status(), 200);
      assert.equal(pathOf(page), '/admin');
      await page.context().close();
    });

    test(`a wrong password shows the error summary and keeps the email (${viewport})`, async () => {
      const account = await createStaff(h.services, { email: `typo-${viewport}@clinic.example.org`, name: `Typo ${viewport}` });
      const page = await h.page(viewport);
      await page.goto('/admin/sign-in');
      const response = await submitSignIn(page, account.email, 'not the right password');
      assert.equal(response.status(), 401);
      assert.equal(pathOf(page), '/admin/sign-in');
      assert.equal(await heading(page), 'Staff sign-in');
      const summary = page.locator('.error-summary');
      assert.ok(await summary.isVisible(), 'no error summary');
      assert.equal(await summary.getAttribute('role'), 'alert');
      assert.match((await summary.textContent()) ?? '', /That email and password do not match an account/);
      assert.equal(await page.getByLabel('Email').inputValue(), account.email);
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password must not be sent back');

      // Correcting the password from the same page works.
      await page.getByLabel('Password').fill(account.password);
      await submit(page, page.getByRole('button', { name: 'Sign in' }));
      assert.equal(pathOf(page), '/admin');
      await page.context().close();
    });
  }
});
