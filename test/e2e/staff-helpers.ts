// Shared set-up for the staff-dashboard browser tests: the app with its services, staff accounts, signing in.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Locator, Page, Response } from 'playwright-core';
import type { StaffRole, User } from '#src/db/types.ts';
import type { SignedIn } from '#src/features/staff/service.ts';
import { currentTotp } from '#src/features/staff/totp.ts';
import type { Services } from '#src/services.ts';
import { demoContent } from '../helper.ts';
import { e2e, type Harness } from './browser.ts';

export type StaffHarness = Harness;

/** The dashboard tests use the same harness as the public ones (it also hands over the services). */
export function staffE2e(content: string = demoContent): StaffHarness {
  return e2e(content);
}

/** A password that passes the app's rules (length, not common, not the email). */
export const goodPassword = 'correct horse battery staple';
export const testInfo = { ip: '127.0.0.1', userAgent: 'test' };
export const setupActor = { id: null, email: 'test-setup', ip: '127.0.0.1' };

export interface StaffAccount {
  id: number;
  email: string;
  name: string;
  password: string;
  roles: StaffRole[];
  /** Base32 secret, when two-step verification was turned on by withTotp(). */
  totpSecret?: string;
  /** Recovery codes, when two-step verification was turned on by withTotp(). */
  recoveryCodes?: string[];
}

/**
 * An active account with a password. It starts as an admin (createAdmin is the only way in without
 * email); other roles are given afterwards, which needs another active admin to exist already.
 */
export async function createStaff(services: Services, o: { email: string; name: string; roles?: StaffRole[]; password?: string }): Promise<StaffAccount> {
  const password = o.password ?? goodPassword;
  const roles = o.roles ?? ['admin'];
  const link = await services.staff.createAdmin(o.email, o.name);
  assert.ok(link.ok, `creating the account failed: ${link.ok ? '' : link.error.message}`);
  const token = new URL(link.value).searchParams.get('token');
  assert.ok(token, `no token in ${link.value}`);
  const result = await services.staff.setPasswordWithLink(token, password, testInfo);
  assert.ok(result.ok, `setting the password failed: ${result.ok ? '' : result.error.code}`);
  const id = result.value.id;
  if (roles.length !== 1 || roles[0] !== 'admin') assert.ok((await services.staff.updateUser(setupActor, id, { name: o.name, roles, status: 'active' })).ok, 'roles given');
  return { id, email: result.value.email, name: o.name, password, roles };
}

async function userOf(services: Services, id: number): Promise<User> {
  const user = await services.staff.user(id);
  assert.ok(user, `no user ${id}`);
  return user;
}

/** Turns on two-step verification for an account directly through the service (no browser). */
export async function withTotp(services: Services, account: StaffAccount): Promise<StaffAccount> {
  const user = await userOf(services, account.id);
  const { secret } = await services.staff.totpEnrolment(user);
  // confirmTotp only reads the user's id from the signed-in person.
  const who = { user, roles: account.roles, session: {} } as unknown as SignedIn;
  const confirmed = await services.staff.confirmTotp(who, currentTotp(secret), '127.0.0.1');
  assert.ok(confirmed.ok, 'confirming the TOTP code failed');
  const codes = confirmed.value;
  return { ...account, totpSecret: secret, recoveryCodes: codes };
}

/** The 30-second TOTP time step of a moment. */
export const totpStep = (ms = Date.now()): number => Math.floor(ms / 30_000);

/**
 * A code the server has not accepted yet: the app refuses a time step it already took, so wait
 * (as a person would) until a step after `usedStep` begins, then read the code.
 */
export async function freshTotp(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (totpStep() <= usedStep) {
    const wait = (usedStep + 1) * 30_000 - Date.now() + 50;
    await new Promise((r) => setTimeout(r, Math.max(wait, 50)));
  }
  const now = Date.now();
  return { code: currentTotp(secret, now), step: totpStep(now) };
}

/**
 * Clicks a submit button (or link) and waits for the page it leads to: returns the final response
 * (after any redirects) once the new page has loaded. With `keyboard`, the button is focused and
 * Enter pressed instead, which does not depend on where the button is drawn.
 */
export async function submit(page: Page, button: Locator, how: 'click' | 'keyboard' = 'click'): Promise<Response> {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  const loaded = page.waitForEvent('load');
  // Neither wait may turn into an unhandled rejection when the other one fails first.
  response.catch(() => {});
  loaded.catch(() => {});
  if (how === 'keyboard') await button.press('Enter');
  else await button.click();
  const [final] = await Promise.all([response, loaded]);
  return final;
}

/** Fills in and sends the sign-in form on the page the browser is on. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<Response> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  return submit(page, page.getByRole('button', { name: 'Sign in' }));
}

/** Signs in with email and password (an account without two-step verification); ends on the page signing in leads to. */
export async function signIn(page: Page, account: Pick<StaffAccount, 'email' | 'password'>, path = '/admin/sign-in'): Promise<void> {
  await page.goto(path);
  await submitSignIn(page, account.email, account.password);
  assert.doesNotMatch(pathOf(page), /sign-in/, `signing in as ${account.email} did not succeed (now on ${page.url()})`);
}

/** Names of the links in the dashboard navigation, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  return (await page.locator('nav.admin-nav a').allTextContents()).map((s) => s.trim());
}

export const screensDir = new URL('../../.tmp/screens/', import.meta.url).pathname;

/** Saves a full-page screenshot to .tmp/screens/ (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screensDir, { recursive: true });
  const path = `${screensDir}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const pathOf = (page: Page): string => new URL(page.url()).pathname;
