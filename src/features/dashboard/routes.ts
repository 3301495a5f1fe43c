import type { FastifyInstance } from 'fastify';
import { sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps } from '#src/http/admin/route.ts';
import { outboxView, overviewView } from './views.ts';

export function dashboardRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { dashboard, staff } = deps.services;
  adminRoute(app, deps, {
    method: 'GET', path: '/admin', access: 'dashboard.view',
    handler: async (_request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const overview = await dashboard.overview(ctx.staff.roles);
      return sendHtml(reply, 200, overviewView(ctx.view, overview, ctx.staff.roles, await staff.mustEnrol(ctx.staff.user)));
    },
  });
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/outbox', access: 'outbox.view',
    handler: async (_request, reply, ctx) => sendHtml(reply, 200, outboxView(ctx.view, await dashboard.outbox(), deps.mailMode)),
  });
}
