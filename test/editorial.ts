import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { App } from '#src/app.ts';
import type { Db } from '#src/db/connection.ts';
import type { User } from '#src/db/types.ts';
import { build, demoContent } from './helper.ts';
import { csrfIn, get, makeUser, postForm, signIn, system } from './staff.ts';

type TestApp = App & { db: Db };

export interface Desk {
  app: TestApp;
  clock: { now: Date; advance(ms: number): void };
  editor: { user: User; jar: Map<string, string> };
  reviewer: { user: User; jar: Map<string, string> };
}

/**
 * The demo clinic with an editor and a medical reviewer signed in; the reviewer's account is linked
 * to the demo reviewer's public profile (bilal-hussain), as an admin would on the Users page.
 */
export async function editorialDesk(t: Pick<TestContext, 'after'>): Promise<Desk> {
  const clock = {
    now: new Date('2026-12-01T08:00:00Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = await build(t, demoContent, { now: () => clock.now, sleep: async () => {} });
  // The first account is the clinic's admin; the others can then be given narrower roles.
  await makeUser(app, 'admin@clinic.example', ['admin'], 'Ada Admin');
  const editor = await makeUser(app, 'editor@clinic.example', ['editor'], 'Edna Editor');
  let reviewer = await makeUser(app, 'reviewer@clinic.example', ['reviewer'], 'Bilal Reviewer');
  const profile = await app.services.people.bySlug('bilal-hussain');
  assert.ok(profile);
  assert.ok((await app.services.staff.updateUser(system, reviewer.id, { name: reviewer.name, roles: ['reviewer'], status: 'active', personId: profile.id })).ok);
  reviewer = (await app.services.staff.user(reviewer.id)) ?? reviewer;
  return {
    app,
    clock,
    editor: { user: editor, jar: (await signIn(app, editor.email, undefined, '10.1.0.1')).cookies },
    reviewer: { user: reviewer, jar: (await signIn(app, reviewer.email, undefined, '10.1.0.2')).cookies },
  };
}

/** Posts a form from a page the jar has open (its CSRF token), as the browser would. */
export async function postFrom(app: TestApp, jar: Map<string, string>, pageUrl: string, url: string, form: Record<string, string | string[]>) {
  const page = await get(app, pageUrl, jar);
  return postForm(app, url, jar, { _csrf: csrfIn(page.body), ...form });
}

/** The editor form's fields as the browser posts them. */
export function articleForm(o: { title: string; summary: string; body: string; revision: number; op?: string; references?: string[]; conditions?: string[]; treatments?: string[] }): Record<string, string | string[]> {
  return {
    revision: String(o.revision),
    op: o.op ?? 'save',
    title: o.title,
    summary: o.summary,
    body: o.body,
    author: 'amina-rahman',
    translator: '',
    conditions: o.conditions ?? ['als'],
    treatments: o.treatments ?? [],
    testimonial: '',
    video: '',
    references: (o.references ?? ['National Institute of Neurological Disorders and Stroke. Amyotrophic lateral sclerosis. https://www.ninds.nih.gov']).join('\n'),
    conflictOfInterest: '',
  };
}
