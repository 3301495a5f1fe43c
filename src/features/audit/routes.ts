import type { FastifyInstance } from 'fastify';
import { sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import { browsePageQuery } from '#src/web/query.ts';
import { auditFilterQuery } from './service.ts';
import { auditView } from './views.ts';

const PAGE_SIZE = 50;

export function auditRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { audit } = deps.services;
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/audit', access: 'audit.view',
    handler: async (request, reply, ctx) => {
      const { filter, shown } = auditFilterQuery.parse(request.query);
      const { page } = browsePageQuery.parse(request.query);
      const rows = await audit.list(filter, page, PAGE_SIZE);
      return sendHtml(reply, 200, auditView(ctx.view, { entries: rows.slice(0, PAGE_SIZE), filter: shown, page, more: rows.length > PAGE_SIZE }));
    },
  });
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/audit.csv', access: 'audit.view',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const { filter } = auditFilterQuery.parse(request.query);
      const csv = await audit.csv(filter);
      // Exporting the log is itself recorded: the export may hold personal data. A HEAD request receives none of it.
      if (request.method === 'GET') await audit.record(actorOf(ctx.staff.user, ctx.ip), { action: 'audit.exported', details: { filter } });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${audit.csvFileName()}"`)
        .header('cache-control', 'no-store')
        .send('\uFEFF' + csv);
    },
  });
}
