// Dashboard pages fit the screen: on a phone nothing but a data table may scroll sideways (WCAG 1.4.10 Reflow).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { viewportNames } from './browser.ts';
import { createStaff, pathOf, screenshot, signIn, staffE2e, submitSignIn, withTotp, type StaffAccount } from './staff-helpers.ts';

const h = staffE2e();

/** How far the page reaches past the right edge of the screen (0 when it fits), and the widest elements. */
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  const width = page.viewportSize()?.width ?? 0;
  return page.evaluate((screen) => {
    const excess = Math.max(0, document.documentElement.scrollWidth - screen);
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/\s+/g, '.')}` : ''}> ${Math.round(r.width)}px wide, right edge at ${Math.round(r.right)}px`;
    };
    // The column and the widest things in it (a table's own width is fine while its .table-wrap scrolls).
    const culprits = [...document.querySelectorAll('main, main > *, main .table-wrap > table')].filter((el) => el.getBoundingClientRect().right > screen + 1).slice(0, 6).map(box);
    return { excess, culprits };
  }, width);
}

let admin: StaffAccount;
let withTwoStep: StaffAccount;

describe('dashboard pages fit the screen', () => {
  before(async () => {
    admin = await createStaff(h.services, { email: 'layout-admin@clinic.example.org', name: 'Layout Admin' });
    withTwoStep = await withTotp(h.services, await createStaff(h.services, { email: 'dr.amina.rahman@caresite-demo-clinic.example.org', name: 'Dr Amina Rahman', roles: ['editor', 'reviewer'] }));
    // Realistic content: a few colleagues with long addresses, invitations in the outbox, entries in the audit log.
    const by = { id: admin.id, email: admin.email, ip: '127.0.0.1' };
    await h.services.staff.invite(by, { email: 'patient.coordinator.karachi@caresite-demo-clinic.example.org', name: 'Bilal Ahmed Qureshi', roles: ['coordinator'] });
    await h.services.staff.invite(by, { email: 'front-desk@caresite-demo-clinic.example.org', name: 'Front desk', roles: ['coordinator', 'editor'] });
  });

  for (const viewport of viewportNames) {
    test(`no dashboard page is wider than the screen (${viewport})`, async () => {
      const problems: string[] = [];
      const check = async (page: Page, label: string) => {
        const { excess, culprits } = await overflow(page);
        if (excess > 0) {
          problems.push(`${label}: ${excess}px wider than the ${page.viewportSize()?.width}px screen\n      ${culprits.join('\n      ')}`);
          await screenshot(page, `overflow-${viewport}${label.replace(/\W+/g, '-')}`);
        }
      };

      const visitor = await h.page(viewport);
      for (const path of ['/admin/sign-in', '/admin/password/forgot', '/ur/admin/sign-in']) {
        await visitor.goto(path);
        await check(visitor, path);
      }
      await visitor.goto('/admin/sign-in');
      await submitSignIn(visitor, withTwoStep.email, withTwoStep.password);
      assert.equal(pathOf(visitor), '/admin/sign-in/code');
      await check(visitor, '/admin/sign-in/code');
      await visitor.context().close();

      const page = await h.page(viewport);
      await signIn(page, admin);
      const paths = ['/admin', '/admin/account', '/admin/account/2fa', '/admin/users', `/admin/users/${withTwoStep.id}`, '/admin/settings', '/admin/audit', '/admin/outbox'];
      for (const path of [...paths, ...paths.map((p) => `/ur${p}`)]) {
        const response = await page.goto(path);
        assert.equal(response?.status(), 200, `${path} answered ${response?.status()}`);
        await check(page, path);
        if (path === '/ur/admin') await screenshot(page, `ur-overview-${viewport}`);
      }
      await page.context().close();
      assert.deepEqual(problems, [], `pages that scroll sideways on ${viewport}:\n    ${problems.join('\n    ')}`);
    });
  }

  test('signed-out pages on a desktop use the width of the page, not the navigation column', async () => {
    const page = await h.page('desktop');
    const narrow: string[] = [];
    const measure = async (label: string) => {
      const width = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
      // The navigation column is 13rem (208px); a form page needs more than that.
      if (width < 480) narrow.push(`${label}: <main> is ${Math.round(width)}px wide`);
    };
    for (const path of ['/admin/sign-in', '/admin/password/forgot', '/admin/password/set?token=nonsense', '/ur/admin/sign-in']) {
      await page.goto(path);
      await measure(path);
    }
    await page.goto('/admin/sign-in');
    await submitSignIn(page, withTwoStep.email, withTwoStep.password);
    assert.equal(pathOf(page), '/admin/sign-in/code');
    await measure('/admin/sign-in/code');
    await page.context().close();
    assert.deepEqual(narrow, [], `signed-out pages squeezed into the 13rem navigation column:\n  ${narrow.join('\n  ')}`);
  });

  test('"Signed in as" lines up with the header above it (desktop)', async () => {
    const page = await h.page('desktop');
    await signIn(page, admin);
    for (const lang of ['en', 'ur']) {
      await page.goto(lang === 'en' ? '/admin' : '/ur/admin');
      const start = (selector: string) =>
        page.locator(selector).evaluate((el) => {
          const r = el.getBoundingClientRect();
          const padding = parseFloat(getComputedStyle(el).paddingInlineStart) || 0;
          return Math.round(getComputedStyle(el).direction === 'rtl' ? r.right - padding : r.left + padding);
        });
      assert.equal(await start('p.signed-in'), await start('.header-row'), `"Signed in as" is not aligned with the clinic name (${lang})`);
    }
    await page.context().close();
  });
});
