import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { App } from '#src/app.ts';
import type { Db } from '#src/db/connection.ts';
import type { StaffRole, User } from '#src/db/types.ts';
import { build } from './helper.ts';

/** Test apps are served as https://clinic.example.org, so the session cookie has the __Host- prefix. */
export const SESSION = '__Host-cs_session';
export const PASSWORD = 'correct horse battery staple';
export const info = { ip: '127.0.0.1', userAgent: 'test' };
export const system = { id: null, email: 'test', ip: '127.0.0.1' };

type TestApp = App & { db: Db };

/** An app with no content and a clock the test can move. */
export async function staffApp(t: Pick<TestContext, 'after'>): Promise<TestApp & { clock: { now: Date; advance(ms: number): void }; slept: number[] }> {
  const clock = {
    now: new Date(),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const slept: number[] = [];
  // Throttled answers move the test clock instead of waiting in real time.
  const app = await build(t, null, { now: () => clock.now, sleep: async (ms) => { slept.push(ms); clock.advance(ms); } });
  return { ...app, clock, slept };
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  assert.ok(token);
  return token;
}

/** An active account with a password and the given roles (made through the real flows). */
export async function makeUser(app: TestApp, email: string, roles: StaffRole[], name = email.split('@')[0] ?? 'x'): Promise<User> {
  const link = await app.services.staff.createAdmin(email, name);
  assert.ok(link.ok, 'account created');
  const result = await app.services.staff.setPasswordWithLink(tokenOf(link.value), PASSWORD, info);
  assert.ok(result.ok, 'password set');
  if (roles.join() !== 'admin') assert.ok((await app.services.staff.updateUser(system, result.value.id, { name, roles, status: 'active' })).ok, 'roles given');
  const user = await app.services.staff.user(result.value.id);
  assert.ok(user);
  return user;
}

export interface Browser {
  cookies: Map<string, string>;
  cookieHeader(): string;
  csrf: string;
}

export function cookiesFrom(setCookie: string | string[] | undefined, into = new Map<string, string>()): Map<string, string> {
  for (const line of [setCookie ?? []].flat()) {
    const [pair] = line.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (!name) continue;
    if (/Expires=Thu, 01 Jan 1970/i.test(line) || value.join('=') === '') into.delete(name.trim());
    else into.set(name.trim(), value.join('='));
  }
  return into;
}

export function header(cookies: Map<string, string>): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1], 'the page has a CSRF field');
  return m[1];
}

/** Opens the sign-in page like a browser: gets the form cookie and the token that goes with it. */
export async function signInForm(app: TestApp, lang = ''): Promise<{ cookies: Map<string, string>; csrf: string }> {
  const res = await app.fastify.inject(`${lang}/admin/sign-in`);
  return { cookies: cookiesFrom(res.headers['set-cookie']), csrf: csrfIn(res.body) };
}

export async function postForm(app: TestApp, url: string, cookies: Map<string, string>, form: Record<string, string | string[]>, extraHeaders: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
  const res = await app.fastify.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(cookies), ...extraHeaders } });
  cookiesFrom(res.headers['set-cookie'], cookies);
  return res;
}

/** Signs in with email and password through the form; returns the cookie jar of a full session. */
export async function signIn(app: TestApp, email: string, password = PASSWORD, remoteAddress = '127.0.0.1'): Promise<{ cookies: Map<string, string>; status: number; location: string }> {
  const { cookies, csrf } = await signInForm(app);
  const body = new URLSearchParams({ _csrf: csrf, email, password, next: '/admin' }).toString();
  const res = await app.fastify.inject({ method: 'POST', url: '/admin/sign-in', payload: body, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(cookies) } });
  cookiesFrom(res.headers['set-cookie'], cookies);
  return { cookies, status: res.statusCode, location: String(res.headers.location ?? '') };
}

/** GET with the jar; returns the page and the CSRF token in it (when there is a form). */
export async function get(app: TestApp, url: string, cookies: Map<string, string>) {
  const res = await app.fastify.inject({ url, headers: { cookie: header(cookies) } });
  cookiesFrom(res.headers['set-cookie'], cookies);
  return res;
}

/**
 * How many refusals of one kind the audit log holds once the windows that have ended are written
 * up: repeated refusals are rows with a count, so the counts are added.
 */
export async function refusalsLogged(app: TestApp, action: string): Promise<{ rows: number; count: number }> {
  await app.services.audit.foldEndedRefusals();
  const rows = await app.db.kysely.selectFrom('audit_log').select('details').where('action', '=', action).execute();
  return { rows: rows.length, count: rows.reduce((sum, r) => sum + Number((JSON.parse(r.details) as { count?: number }).count ?? 1), 0) };
}
