import type { FastifyInstance, FastifyReply } from 'fastify';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import { formText, type FieldError } from '#src/web/forms.ts';
import { errors } from '#src/errors.ts';
import { inboxAction, inboxQuery } from './inbox.ts';
import { bookingForm } from './booking-rules.ts';
import { inboxView, requestView } from './inbox-views.ts';
import { reportView } from './report-views.ts';

type Body = Record<string, unknown>;

/** /admin/consultations: the coordinators' inbox, each request's page and the changes made there. */
export function inboxRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { consultations } = deps.services;
  const { inbox, bookings } = consultations;
  const actor = (ctx: AdminRequestContext) => {
    if (!ctx.staff) throw new Error('guarded');
    return actorOf(ctx.staff.user, ctx.ip);
  };

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/consultations', access: 'consultations.handle',
    handler: async (request, reply, ctx) => {
      const { page, ...filter } = inboxQuery.parse(request.query);
      const [list, conditions, staff] = await Promise.all([inbox.list(actor(ctx), filter, page), consultations.conditions(ctx.lang), inbox.assignable()]);
      return sendHtml(reply, 200, inboxView(ctx.view, { filter, page, ...list, conditions, staff, now: inbox.time() }));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/consultations/report', access: 'consultations.handle',
    handler: async (_request, reply, ctx) => {
      const report = await consultations.report();
      return sendHtml(reply, 200, reportView(ctx.view, report));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/consultations.csv', access: 'consultations.handle',
    handler: async (request, reply, ctx) => {
      const { page: _page, ...filter } = inboxQuery.parse(request.query);
      const csv = await inbox.csv(actor(ctx), filter);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="consultations-${filter.status}.csv"`)
        .header('cache-control', 'no-store')
        .send('\uFEFF' + csv);
    },
  });

  const bookingChoices = async (typed?: Record<string, string>) => {
    const [clinic, people] = await Promise.all([deps.services.settings.clinic(), deps.services.people.all()]);
    const locations = clinic.locations.map((l) => l.name.en);
    return { clinicTimeZone: clinic.timeZone, locations: locations.length ? locations : [clinic.name], clinicians: people.map((p) => p.name), ...(typed ? { typed } : {}) };
  };

  const showRequest = async (reply: FastifyReply, ctx: AdminRequestContext, reference: string, status: number, o: { errors: FieldError[]; done: boolean; note?: string; typed?: Record<string, string> }) => {
    const page = await inbox.view(actor(ctx), reference);
    if (!page) throw new errors.NotFound();
    const [conditions, staff, booking] = await Promise.all([consultations.conditions(ctx.lang), inbox.assignable(), bookingChoices(o.typed)]);
    return sendHtml(reply, status, requestView(ctx.view, page, { staff, conditions, now: inbox.time(), lang: ctx.lang, booking, ...o }));
  };

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/consultations/:reference', access: 'consultations.handle',
    handler: async (request, reply, ctx) => {
      const { reference } = request.params as { reference: string };
      return showRequest(reply, ctx, reference, 200, { errors: [], done: (request.query as { m?: string }).m === 'saved' });
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/consultations/:reference', access: 'consultations.handle',
    handler: async (request, reply, ctx) => {
      const { reference } = request.params as { reference: string };
      const parsed = inboxAction.safeParse(request.body as Body);
      if (!parsed.success) {
        // The note as typed comes back with its error, so nothing written is lost.
        const note = formText((request.body as Body).note, 4000);
        return showRequest(reply, ctx, reference, 400, { errors: fieldErrors(parsed.error.issues, { t: ctx.view.t }), done: false, note });
      }
      const result = await inbox.act(actor(ctx), reference, parsed.data);
      if (result === 'not-found') throw new errors.NotFound();
      if (result === 'not-assignable') return showRequest(reply, ctx, reference, 400, { errors: [{ field: 'f-assignee', message: ctx.view.t('inbox.error.assignee') }], done: false });
      return redirect(reply, `${ctx.p(`/admin/consultations/${reference}`)}?m=saved`);
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/consultations/:reference/booking', access: 'consultations.handle',
    handler: async (request, reply, ctx) => {
      const { reference } = request.params as { reference: string };
      const body = request.body as Body;
      const typed = Object.fromEntries(['date', 'time', 'minutes', 'mode', 'location', 'clinician'].map((k) => [k, formText(body[k], 200)]));
      const again = (errs: FieldError[]) => showRequest(reply, ctx, reference, 400, { errors: errs, done: false, typed });
      let result;
      if (body.op === 'book') {
        const parsed = bookingForm.safeParse(typed);
        if (!parsed.success) return again(fieldErrors(parsed.error.issues, { t: ctx.view.t }));
        result = await bookings.book(actor(ctx), reference, parsed.data);
      } else if (body.op === 'cancel') {
        result = await bookings.cancel(actor(ctx), reference);
      } else if (body.op === 'attendance' && (body.outcome === 'attended' || body.outcome === 'no_show')) {
        result = await bookings.attendance(actor(ctx), reference, body.outcome);
      } else {
        throw new errors.BadRequest();
      }
      if (result === 'not-found') throw new errors.NotFound();
      if (result === 'no-such-time') return again([{ field: 'f-time', message: ctx.view.t('booking.error.noSuchTime') }]);
      if (result === 'in-the-past') return again([{ field: 'f-date', message: ctx.view.t('booking.error.past') }]);
      if (result === 'not-yet') return again([{ field: 'f-attendance', message: ctx.view.t('booking.error.notYet') }]);
      if (result !== 'done') return again([{ field: 'f-date', message: ctx.view.t('booking.error.notOpen') }]);
      return redirect(reply, `${ctx.p(`/admin/consultations/${reference}`)}?m=saved`);
    },
  });
}
