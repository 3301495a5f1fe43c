import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffRole } from '#src/db/types.ts';
import { csrfIn, get, header, makeUser, signIn, signInForm, staffApp } from '../../../test/staff.ts';
import { can, roles } from '#src/permissions.ts';

type Who = StaffRole | 'nobody';

test('every /admin route, as every role and as nobody: only the permitted ones get through', async (t) => {
  const app = await staffApp(t);
  const users = new Map<StaffRole, number>();
  for (const role of roles) users.set(role, (await makeUser(app, `${role}@clinic.example`, [role])).id);
  const routes = app.staffRoutes.filter((r) => /^\/(ur\/)?admin/.test(r.url));
  assert.ok(routes.length >= 40, `discovered ${routes.length} routes`);
  const failures: string[] = [];
  const sessions = new Map<Who, Map<string, string>>();
  const jarFor = async (who: Who) => {
    const existing = sessions.get(who);
    if (existing) return existing;
    const jar = who === 'nobody' ? (await signInForm(app)).cookies : (await signIn(app, `${who}@clinic.example`, undefined, `10.0.${roles.indexOf(who as StaffRole)}.1`)).cookies;
    sessions.set(who, jar);
    return jar;
  };
  let probe = 0;

  for (const route of routes) {
    const url = route.url.replace(':id', String(users.get('editor')));
    for (const who of [...roles, 'nobody'] as Who[]) {
      const jar = await jarFor(who);
      let status: number;
      let location: string;
      if (route.method === 'GET') {
        const res = await get(app, url, jar);
        status = res.statusCode;
        location = String(res.headers.location ?? '');
      } else {
        const page = await get(app, who === 'nobody' ? '/admin/sign-in' : '/admin/account', jar);
        // A new address and email per probe, so sign-in throttling does not slow the matrix down.
        probe += 1;
        const res = await app.fastify.inject({
          method: 'POST',
          url,
          remoteAddress: `10.9.${probe >> 8}.${probe & 255}`,
          payload: new URLSearchParams({ _csrf: csrfIn(page.body), email: `probe-${probe}@example.org` }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(jar) },
        });
        status = res.statusCode;
        location = String(res.headers.location ?? '');
        // Routes that end the session (sign-out) need a new one for the next check.
        if (/sign-out/.test(url)) sessions.delete(who);
      }
      const expected = expectation(route.access, route.method, who);
      const ok = expected === 'public' ? status < 500 && status !== 403 : expected === 'through' ? status < 500 && status !== 401 && status !== 403 && !/sign-in\?next=/.test(location) : expected === 'sign-in' ? status === 303 && /\/admin\/sign-in\?next=/.test(location) : status === expected;
      if (!ok) failures.push(`${route.method} ${url} as ${who}: got ${status} ${location}, expected ${expected}`);
    }
  }
  assert.deepEqual(failures, []);
});

// 'public': reachable by anyone (a sign-in form may still answer 401 for a wrong password).
function expectation(access: string, method: string, who: Who): 'public' | 'through' | 'sign-in' | 401 | 403 | 303 {
  if (access === 'public') return 'public';
  if (who === 'nobody') return method === 'GET' ? 'sign-in' : 401;
  if (access === 'second-factor') return 303; // a full session has nothing to verify
  if (access === 'signed-in') return 'through';
  return can([who], access as Parameters<typeof can>[1]) ? 'through' : 403;
}
