import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang, ReportStatus } from '#src/db/types.ts';
import { errors } from '#src/errors.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps } from '#src/http/admin/route.ts';
import { publicPage, viewContext, type WebDeps } from '#src/http/public-route.ts';
import { fromThisSite } from '#src/http/same-site.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import { formLine, formText } from '#src/web/forms.ts';
import { languages, localePath } from '#src/web/i18n/index.ts';
import { reportSchema } from './reports.ts';
import { reportsAdminView, reportThanksView, reportView, type ReportForm } from './reports-views.ts';

type Body = Record<string, unknown>;

/** A page of this site to go back to; anything else (another site, a protocol-relative address) is dropped. */
function pageParam(value: unknown): string {
  const page = formLine(value, 300);
  return /^\/(?!\/)/.test(page) ? page : '';
}

function readForm(body: Body): ReportForm {
  return { page: pageParam(body.page), reason: formLine(body.reason, 20), details: formText(body.details, 2100).trim(), email: formLine(body.email, 320), shown: formLine(body.shown, 16) };
}

/** Public: the report form, and its answer. Pages carry no per-reader token; posts are checked as the consultation form's are. */
export function reportRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { reports } = deps.services.editorial;
  const blank = (page: string): ReportForm => ({ page, reason: '', details: '', email: '', shown: String(Date.now()) });
  publicPage(app, deps, '/report-a-problem', async (ctx, request) => reportView(ctx, blank(pageParam((request.query as { page?: unknown }).page)), []), { cache: false });
  publicPage(app, deps, '/report-a-problem/thanks', async (ctx, request) => reportThanksView(ctx, pageParam((request.query as { page?: unknown }).page)), { cache: false });

  const post = (lang: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!fromThisSite(request, deps.baseUrl)) throw new errors.CsrfRejected();
    const ctx = await viewContext(deps, lang);
    const form = readForm((request.body ?? {}) as Body);
    if (await reports.overLimit(request.ip)) return sendHtml(reply, 429, reportView(ctx, form, [], ctx.t('report.refused')));
    const parsed = reportSchema.safeParse(form);
    if (!parsed.success) return sendHtml(reply, 400, reportView(ctx, form, fieldErrors(parsed.error.issues, { t: ctx.t })));
    const shown = Number(form.shown);
    await reports.submit(parsed.data, lang, { honeypot: formText((request.body as Body).website, 200), fillMs: Number.isFinite(shown) && shown > 0 ? Date.now() - shown : null });
    return redirect(reply, `${localePath(lang, '/report-a-problem/thanks')}?page=${encodeURIComponent(parsed.data.page)}`);
  };

  app.register(async (scoped) => {
    await scoped.register(formbody, { bodyLimit: 16 * 1024 });
    scoped.removeContentTypeParser(['application/json', 'text/plain']);
    for (const lang of languages) scoped.post(localePath(lang, '/report-a-problem'), post(lang));
  });
}

const statuses: readonly ReportStatus[] = ['open', 'resolved', 'spam'];

/** Staff: the queue of reports, resolved one by one. */
export function reportAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { reports } = deps.services.editorial;
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/reports', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      const query = request.query as { status?: string; m?: string };
      const status = statuses.find((s) => s === query.status) ?? 'open';
      return sendHtml(reply, 200, reportsAdminView(ctx.view, status, await reports.list(status), query.m === 'resolved'));
    },
  });
  adminRoute(app, deps, {
    method: 'POST', path: '/admin/reports/:id/resolve', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const id = Number((request.params as { id: string }).id);
      if (!Number.isInteger(id) || !(await reports.resolve(ctx.staff.user, ctx.ip, id, formText((request.body as Body).resolution, 1000)))) return reply.callNotFound();
      return redirect(reply, `${ctx.p('/admin/reports')}?m=resolved`);
    },
  });
}
