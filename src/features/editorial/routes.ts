import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Lang, User } from '#src/db/types.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { can } from '#src/permissions.ts';
import { zonedToUtc } from '#src/platform/time-zone.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import { formLine, formList, formText, type FieldError } from '#src/web/forms.ts';
import type { MessageKey } from '#src/web/i18n/index.ts';
import { compareFields } from './diff.ts';
import { editorView, previewHtml, type EditorPage } from './editor-views.ts';
import { findingsList } from './findings-views.ts';
import { articleListView, newArticleView, workflowStatuses } from './list-views.ts';
import { compareView, revisionsView } from './revision-views.ts';
import { clinicChecksView } from './clinic-checks-views.ts';
import { glossaryText, rulesText } from './clinic-checks.ts';
import { emptyFields, fieldsSchema, newArticleSchema, type ArticleFields, type EditorState, type StepResult } from './service.ts';

type Body = Record<string, unknown>;
type Params = { lang: string; slug: string };

function articleLang(value: string): Lang | null {
  return value === 'en' || value === 'ur' ? value : null;
}

/** The editor's form as typed: every value kept, whatever is wrong with it. */
function typedFields(body: Body): ArticleFields {
  return {
    title: formLine(body.title, 400),
    summary: formText(body.summary, 800).trim(),
    body: formText(body.body, 200_001).replace(/\r\n/g, '\n'),
    author: formLine(body.author, 200),
    translator: formLine(body.translator, 200),
    conditions: formList(body.conditions).slice(0, 60),
    treatments: formList(body.treatments).slice(0, 60),
    testimonial: formLine(body.testimonial, 200),
    video: formLine(body.video, 1000),
    references: formText(body.references, 100_000).replace(/\r\n/g, '\n').split('\n').map((r) => r.trim()).filter(Boolean),
    conflictOfInterest: formText(body.conflictOfInterest, 4000).trim(),
    featured: body.featured === 'yes',
  };
}

const refusalMessage: Record<string, MessageKey> = {
  'not-found': 'editorial.refused.notFound',
  stale: 'editorial.refused.stale',
  'wrong-state': 'editorial.refused.wrongState',
  'no-profile': 'editorial.refused.noProfile',
  'reason-required': 'editorial.refused.reason',
  missing: 'editorial.refused.missing',
  invalid: 'editorial.refused.invalid',
};

const doneMessage: Record<string, MessageKey> = {
  saved: 'admin.saved',
  submitted: 'editorial.done.submitted',
  approved: 'editorial.done.approved',
  published: 'editorial.done.published',
  scheduled: 'editorial.done.scheduled',
  changes: 'editorial.done.changes',
  restored: 'editorial.done.restored',
  created: 'editorial.done.created',
};

/** /admin/articles: the list, the editor, review and publication, revisions. */
export function editorialRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { editorial, settings } = deps.services;

  const render = async (reply: FastifyReply, ctx: AdminRequestContext, state: EditorState, o: { status?: number; fields?: ArticleFields; basedOn?: number; errors?: FieldError[]; message?: string | null; warning?: string | null; preview?: boolean }) => {
    if (!ctx.staff) throw new Error('guarded');
    const fields = o.fields ?? state.fields;
    const [choices, findings, nextReviewDefault, clinic] = await Promise.all([editorial.choices(), editorial.findings(state.lang, fields), editorial.nextReviewDefault(), settings.clinic()]);
    const page: EditorPage = {
      state, fields, basedOn: o.basedOn ?? state.head.number, choices, findings,
      preview: o.preview ? previewHtml(state.lang, fields.title, fields.summary, await editorial.previewBody(fields), fields.references) : null,
      errors: o.errors ?? [], message: o.message ?? null, warning: o.warning ?? null,
      can: { edit: can(ctx.staff.roles, 'articles.edit'), review: can(ctx.staff.roles, 'articles.review') },
      nextReviewDefault, clinicTimeZone: clinic.timeZone,
    };
    return sendHtml(reply, o.status ?? 200, editorView(ctx.view, page));
  };

  const stateOf = async (params: Params) => {
    const lang = articleLang(params.lang);
    return lang ? editorial.state(params.slug, lang) : undefined;
  };

  const refusalText = (ctx: AdminRequestContext, r: StepResult & { ok: false }): string => {
    const refusal = r.refusal;
    const detail = refusal.code === 'missing' ? refusal.fields.map((f) => ctx.view.t(`editorial.field.${f}`)).join(', ') : refusal.code === 'invalid' ? refusal.message : refusal.code === 'reason-required' ? String(refusal.errors) : '';
    return ctx.view.t(refusalMessage[refusal.code] ?? 'editorial.refused.wrongState', { detail });
  };

  const after = (reply: FastifyReply, ctx: AdminRequestContext, state: { slug: string; lang: Lang }, done: string) => redirect(reply, `${ctx.p(`/admin/articles/${state.lang}/${state.slug}`)}?m=${done}`);

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles', access: 'articles.view',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const query = request.query as Record<string, string | undefined>;
      const status = workflowStatuses.find((s) => s === query.status);
      const lang = articleLang(query.lang ?? '') ?? undefined;
      const overdueOnly = query.overdue === 'yes';
      const today = editorial.today();
      const filter = { ...(status ? { status } : {}), ...(lang ? { lang } : {}), ...(overdueOnly ? { overdueOn: today } : {}) };
      return sendHtml(reply, 200, articleListView(ctx.view, await editorial.list(filter), filter, overdueOnly, today, can(ctx.staff.roles, 'articles.edit')));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles/checks', access: 'articles.review',
    handler: async (request, reply, ctx) => {
      const own = await editorial.clinicChecks();
      return sendHtml(reply, 200, clinicChecksView(ctx.view, { rules: rulesText(own.rules), glossary: glossaryText(own.glossary) }, [], (request.query as { m?: string }).m === 'saved'));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/checks', access: 'articles.review',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      const form = { rules: formText(body.rules, 20_000), glossary: formText(body.glossary, 50_000) };
      const saved = await editorial.saveClinicChecks(ctx.staff.user, ctx.ip, form);
      if (saved.ok) return redirect(reply, `${ctx.p('/admin/articles/checks')}?m=saved`);
      const errors = saved.errors.map((e) => ({ field: `f-${e.field}`, message: ctx.view.t(e.field === 'rules' ? 'clinicChecks.rules.error' : 'clinicChecks.glossary.error', { line: e.line }) }));
      return sendHtml(reply, 400, clinicChecksView(ctx.view, form, errors, false));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles/new', access: 'articles.edit',
    handler: async (_request, reply, ctx) => sendHtml(reply, 200, newArticleView(ctx.view, { slug: '', lang: ctx.lang, title: '' }, [])),
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/new', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      const form = { slug: formLine(body.slug, 200).toLowerCase(), lang: formLine(body.lang, 5), title: formLine(body.title, 400) };
      const parsed = newArticleSchema.safeParse(form);
      const titleError: FieldError[] = form.title ? [] : [{ field: 'f-title', message: ctx.view.t('field.required') }];
      if (!parsed.success || titleError.length) {
        const errors = [...titleError, ...(parsed.success ? [] : fieldErrors(parsed.error.issues, { t: ctx.view.t }))];
        return sendHtml(reply, 400, newArticleView(ctx.view, form, errors));
      }
      const created = await editorial.create(ctx.staff.user, ctx.ip, parsed.data.slug, parsed.data.lang, { ...emptyFields, title: form.title });
      if (!created.ok) return sendHtml(reply, 409, newArticleView(ctx.view, form, [{ field: 'f-slug', message: ctx.view.t('editorial.slugTaken') }]));
      return after(reply, ctx, parsed.data, 'created');
    },
  });

  // The live preview and checks of the editor's script: the same renderer and checks as the page, for the text being typed.
  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/preview', access: 'articles.view',
    handler: async (request, reply, ctx) => {
      const body = request.body as Body;
      const lang = articleLang(formLine(body.lang, 5)) ?? 'en';
      const fields = typedFields(body);
      const preview = previewHtml(lang, fields.title, fields.summary, await editorial.previewBody(fields), fields.references);
      const findings = findingsList(ctx.view, await editorial.findings(lang, fields));
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify({ preview, findings }));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles/:lang/:slug', access: 'articles.view',
    handler: async (request, reply, ctx) => {
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const m = (request.query as { m?: string }).m;
      const key = m ? doneMessage[m] : undefined;
      return render(reply, ctx, state, { message: key ? ctx.view.t(key) : null });
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/:lang/:slug', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const body = request.body as Body;
      const fields = typedFields(body);
      const basedOn = Number(formLine(body.revision, 12)) || 0;
      const op = formLine(body.op, 20);
      if (op === 'preview') return render(reply, ctx, state, { fields, basedOn, preview: true });
      const parsed = fieldsSchema.safeParse(fields);
      if (!parsed.success) return render(reply, ctx, state, { status: 400, fields, basedOn, errors: fieldErrors(parsed.error.issues, { t: ctx.view.t }) });
      const saved = await editorial.save(ctx.staff.user, ctx.ip, state.slug, state.lang, parsed.data, 'edit', basedOn);
      if (!saved.ok) {
        const fresh = (await editorial.state(state.slug, state.lang)) ?? state;
        // What was typed stays in the form; the form now builds on the newest revision, so saving again keeps it.
        return render(reply, ctx, fresh, { status: 409, fields, basedOn: fresh.head.number, warning: refusalText(ctx, saved) });
      }
      if (op !== 'submit') return after(reply, ctx, state, 'saved');
      const fresh = await editorial.state(state.slug, state.lang);
      if (!fresh) return reply.callNotFound();
      const submitted = await editorial.submit(ctx.staff.user, ctx.ip, state.slug, state.lang, fresh.head.number);
      if (!submitted.ok) return render(reply, ctx, fresh, { status: 409, warning: refusalText(ctx, submitted), message: ctx.view.t('admin.saved') });
      return after(reply, ctx, state, 'submitted');
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/:lang/:slug/autosave', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const body = request.body as Body;
      const parsed = fieldsSchema.safeParse(typedFields(body));
      const json = (status: number, data: object) => reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(data));
      if (!parsed.success) return json(400, { saved: false, message: ctx.view.t('editorial.autosave.invalid') });
      const saved = await editorial.save(ctx.staff.user, ctx.ip, state.slug, state.lang, parsed.data, 'autosave', Number(formLine(body.revision, 12)) || 0);
      if (!saved.ok) return json(409, { saved: false, message: refusalText(ctx, saved) });
      const fresh = await editorial.state(state.slug, state.lang);
      return json(200, { saved: true, revision: fresh?.head.number, message: ctx.view.t('editorial.autosave.done') });
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/:lang/:slug/review', access: 'articles.review',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const body = request.body as Body;
      const revision = Number(formLine(body.revision, 12)) || 0;
      if (formLine(body.op, 20) === 'changes') {
        const r = await editorial.requestChanges(ctx.staff.user, ctx.ip, state.slug, state.lang, revision, formText(body.note, 4000));
        return r.ok ? after(reply, ctx, state, 'changes') : render(reply, ctx, state, { status: 409, warning: refusalText(ctx, r) });
      }
      const nextReviewAt = formLine(body.nextReviewAt, 10);
      const r = await editorial.approve(ctx.staff.user, ctx.ip, state.slug, state.lang, {
        revision, reason: formText(body.reason, 4000), publish: formLine(body.publish, 10) === 'later' ? 'later' : 'now',
        ...(/^\d{4}-\d{2}-\d{2}$/.test(nextReviewAt) ? { nextReviewAt } : {}),
      });
      if (!r.ok) {
        const errors: FieldError[] = r.refusal.code === 'reason-required' ? [{ field: 'f-reason', message: refusalText(ctx, r) }] : [];
        return render(reply, ctx, (await editorial.state(state.slug, state.lang)) ?? state, { status: 409, errors, warning: errors.length ? null : refusalText(ctx, r) });
      }
      if (r.status === 'published') await deps.refreshContent();
      return after(reply, ctx, state, r.status === 'published' ? 'published' : 'approved');
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/:lang/:slug/publish', access: 'articles.publish',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const body = request.body as Body;
      const user: User = ctx.staff.user;
      if (formLine(body.op, 20) === 'schedule') {
        const at = zonedToUtc(formLine(body.date, 10), formLine(body.time, 5), (await settings.clinic()).timeZone);
        if (!at) return render(reply, ctx, state, { status: 400, errors: [{ field: 'f-date', message: ctx.view.t('editorial.publish.badTime') }] });
        const r = await editorial.schedule(user, ctx.ip, state.slug, state.lang, at.toISOString());
        if (!r.ok) return render(reply, ctx, state, { status: 409, errors: r.refusal.code === 'invalid' ? [{ field: 'f-date', message: ctx.view.t('editorial.publish.past') }] : [], warning: r.refusal.code === 'invalid' ? null : refusalText(ctx, r) });
        return after(reply, ctx, state, 'scheduled');
      }
      const r = await editorial.publish(user, ctx.ip, state.slug, state.lang);
      if (!r.ok) return render(reply, ctx, state, { status: 409, warning: refusalText(ctx, r) });
      await deps.refreshContent();
      return after(reply, ctx, state, 'published');
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles/:lang/:slug/revisions', access: 'articles.view',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const list = await editorial.revisions(state.slug, state.lang);
      return sendHtml(reply, 200, revisionsView(ctx.view, { slug: state.slug, lang: state.lang, title: state.fields.title }, list, can(ctx.staff.roles, 'articles.edit')));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/articles/:lang/:slug/compare', access: 'articles.view',
    handler: async (request, reply, ctx) => {
      const state = await stateOf(request.params as Params);
      if (!state) return reply.callNotFound();
      const query = request.query as { from?: string; to?: string };
      const [from, to] = [Number(query.from), Number(query.to)];
      const [a, b] = await Promise.all([editorial.revision(state.slug, state.lang, from), editorial.revision(state.slug, state.lang, to)]);
      if (!a || !b) return reply.callNotFound();
      return sendHtml(reply, 200, compareView(ctx.view, { slug: state.slug, lang: state.lang, title: state.fields.title }, from, to, await compareFields(a.fields, b.fields)));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/articles/:lang/:slug/revisions/:number/restore', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const params = request.params as Params & { number: string };
      const state = await stateOf(params);
      if (!state) return reply.callNotFound();
      const r = await editorial.restore(ctx.staff.user, ctx.ip, state.slug, state.lang, Number(params.number), Number(formLine((request.body as Body).revision, 12)) || 0);
      if (!r.ok) return render(reply, ctx, state, { status: 409, warning: refusalText(ctx, r) });
      return after(reply, ctx, state, 'restored');
    },
  });
}
