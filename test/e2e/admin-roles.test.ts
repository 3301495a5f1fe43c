// What a coordinator sees of the dashboard: only the pages their role allows.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { viewportNames } from './browser.ts';
import { createStaff, navLinks, pathOf, signIn, staffE2e, type StaffAccount } from './staff-helpers.ts';

const h = staffE2e();

let admin: StaffAccount;
let coordinator: StaffAccount;

describe('roles in the dashboard', { concurrency: true }, () => {
  before(async () => {
    // An active admin must exist before another account can be given a role other than admin.
    admin = await createStaff(h.services, { email: 'roles-admin@clinic.example.org', name: 'Roles Admin' });
    coordinator = await createStaff(h.services, { email: 'coordinator@clinic.example.org', name: 'Cora Coordinator', roles: ['coordinator'] });
  });

  for (const viewport of viewportNames) {
    test(`a coordinator sees Overview, Consultations and My account, and Users is not allowed (${viewport})`, async () => {
      const page = await h.page(viewport);
      await signIn(page, coordinator);
      assert.equal(pathOf(page), '/admin');
      assert.equal((await page.locator('main h1').textContent())?.trim(), 'Overview');
      assert.deepEqual(await navLinks(page), ['Overview', 'Consultations', 'My account']);
      const nav = page.locator('nav.admin-nav');
      for (const hidden of ['Users', 'Settings', 'Audit log', 'Email outbox']) {
        assert.equal(await nav.getByRole('link', { name: hidden }).count(), 0, `${hidden} is in a coordinator's navigation`);
      }
      assert.ok(await nav.getByRole('button', { name: 'Sign out' }).isVisible());

      const response = await page.goto('/admin/users');
      assert.equal(response?.status(), 403);
      assert.equal(pathOf(page), '/admin/users');
      assert.equal((await page.locator('main h1').textContent())?.trim(), 'Not allowed');
      assert.match((await page.locator('main').textContent()) ?? '', /does not have permission/);
      assert.equal(await page.locator('table.data').count(), 0, 'the list of users leaked into the 403 page');
      assert.equal(await page.getByText(admin.email).count(), 0, 'another account is visible on the 403 page');
      // The way back is to the overview, and the navigation is still the coordinator's.
      assert.equal(await page.locator('main').getByRole('link', { name: 'Overview' }).getAttribute('href'), '/admin');
      assert.deepEqual(await navLinks(page), ['Overview', 'Consultations', 'My account']);

      for (const path of ['/admin/users/1', '/admin/settings', '/admin/audit', '/admin/outbox', '/ur/admin/users']) {
        const denied = await page.goto(path);
        assert.equal(denied?.status(), 403, `${path} should be refused to a coordinator`);
      }
      const account = await page.goto('/admin/account');
      assert.equal(account?.status(), 200);
      await page.context().close();
    });

    test(`an admin sees every dashboard page in the navigation (${viewport})`, async () => {
      const page = await h.page(viewport);
      await signIn(page, admin);
      assert.deepEqual(await navLinks(page), ['Overview', 'Consultations', 'Articles', 'Problem reports', 'Images', 'Users', 'Settings', 'Audit log', 'Data requests', 'Email outbox', 'My account']);
      const response = await page.goto('/admin/users');
      assert.equal(response?.status(), 200);
      await page.context().close();
    });
  }
});
