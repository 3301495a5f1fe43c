import type { FastifyInstance, FastifyReply } from 'fastify';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import { errors } from '#src/errors.ts';
import type { FieldError } from '#src/web/forms.ts';
import type { MessageKey } from '#src/web/i18n/index.ts';
import { dataRightsQuery, eraseForm, type FoundBy } from './data-rights.ts';
import { dataRightsExportView, dataRightsView } from './data-rights-views.ts';

/**
 * /admin/data-rights: an admin finds what is held about a person, gives them a copy, erases it.
 * Admins only: until the permission table has an action of its own for this, the one only admins
 * hold (users.manage) guards it.
 */
const ACCESS = 'users.manage';

export function dataRightsRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { consultations } = deps.services;
  const { dataRights } = consultations;
  const actor = (ctx: AdminRequestContext) => {
    if (!ctx.staff) throw new Error('guarded');
    return actorOf(ctx.staff.user, ctx.ip);
  };
  const qError = (ctx: AdminRequestContext, key: MessageKey): FieldError[] => [{ field: 'f-q', message: ctx.view.t(key) }];

  /** The page: the search, what it found, and what an erasure just did; `errors` beside the search or the confirmation. */
  const page = async (reply: FastifyReply, ctx: AdminRequestContext, o: { status: number; q: string; by?: FoundBy; errors: FieldError[]; erased?: { requests: number; messages: number } }) => {
    const [held, conditions] = await Promise.all([o.by ? dataRights.find(actor(ctx), o.by) : undefined, consultations.conditions(ctx.lang)]);
    return sendHtml(reply, o.status, dataRightsView(ctx.view, { q: o.q, errors: o.errors, held, erased: o.erased, conditions }));
  };

  /** The person named in a query string, or a 400 page: exports are reached by links, so a bad one is not a form to correct. */
  const person = async (query: unknown): Promise<FoundBy> => {
    const by = await dataRights.identify(dataRightsQuery.parse(query).q);
    if (!by) throw new errors.BadRequest();
    return by;
  };

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/data-rights', access: ACCESS,
    handler: async (request, reply, ctx) => {
      const { q, erased, messages } = dataRightsQuery.parse(request.query);
      const done = erased === undefined ? undefined : { requests: erased, messages };
      if (!q.trim()) return page(reply, ctx, { status: 200, q: '', errors: [], erased: done });
      const by = await dataRights.identify(q);
      if (!by) return page(reply, ctx, { status: 400, q, errors: qError(ctx, 'dataRights.error.q') });
      return page(reply, ctx, { status: 200, q, by, errors: [], erased: done });
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/data-rights/export', access: ACCESS,
    handler: async (request, reply, ctx) => {
      const by = await person(request.query);
      const [held, conditions] = await Promise.all([dataRights.exportPage(actor(ctx), by), consultations.conditions(ctx.lang)]);
      return sendHtml(reply, 200, dataRightsExportView(ctx.view, held, { conditions, preparedAt: dataRights.time() }));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/data-rights/export.json', access: ACCESS,
    handler: async (request, reply, ctx) => {
      const { fileName, body } = await dataRights.exportJson(actor(ctx), await person(request.query));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/data-rights/erase', access: ACCESS,
    handler: async (request, reply, ctx) => {
      const form = eraseForm.parse(request.body ?? {});
      const by = await dataRights.identify(form.q);
      if (!by) return page(reply, ctx, { status: 400, q: form.q, errors: qError(ctx, 'dataRights.error.q') });
      const done = await dataRights.erase(actor(ctx), by, { confirmed: form.confirm, seen: form.seen });
      const back = (requests: number, messages: number) => `${ctx.p('/admin/data-rights')}?${new URLSearchParams({ q: form.q, erased: String(requests), messages: String(messages) }).toString()}`;
      if (done.result === 'erased') return redirect(reply, back(done.requests, done.messages));
      if (done.result === 'nothing') return redirect(reply, back(0, 0));
      const key: MessageKey = done.result === 'unconfirmed' ? 'dataRights.erase.error.confirm' : 'dataRights.erase.error.changed';
      return page(reply, ctx, { status: 400, q: form.q, by, errors: [{ field: 'f-confirm', message: ctx.view.t(key) }] });
    },
  });
}
