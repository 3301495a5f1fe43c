import type { FastifyInstance } from 'fastify';
import { sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import type { AuditFilter } from './service.ts';
import { auditView } from './views.ts';

const PAGE_SIZE = 50;

/** Filters come from the query string; anything malformed is ignored rather than trusted. */
export function parseFilter(query: Record<string, unknown>): AuditFilter {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  // A real calendar day only: 2026-02-31 or 9999-99-99 is ignored like any other malformed value.
  const isDay = (v: string) => {
    const ms = Date.parse(`${v}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(v);
  };
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isDay(v) ? v : undefined);
  const to = date(query.to);
  // "To" is inclusive for a person: entries up to the end of that day.
  const toExclusive = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined;
  return { action: text(query.action, 60), actor: text(query.actor, 120), from: date(query.from), to: toExclusive };
}

function displayFilter(f: AuditFilter, query: Record<string, unknown>): AuditFilter {
  return { ...f, to: typeof query.to === 'string' && f.to ? query.to : undefined };
}

export function auditRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { audit } = deps.services;
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/audit', access: 'audit.view',
    handler: async (request, reply, ctx) => {
      const query = request.query as Record<string, unknown>;
      const filter = parseFilter(query);
      const page = typeof query.page === 'string' && /^[1-9]\d{0,5}$/.test(query.page) ? Number(query.page) : 1;
      const rows = await audit.list(filter, page, PAGE_SIZE);
      return sendHtml(reply, 200, auditView(ctx.view, { entries: rows.slice(0, PAGE_SIZE), filter: displayFilter(filter, query), page, more: rows.length > PAGE_SIZE }));
    },
  });
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/audit.csv', access: 'audit.view',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const filter = parseFilter(request.query as Record<string, unknown>);
      const csv = await audit.csv(filter);
      // Exporting the log is itself recorded: the export may hold personal data. A HEAD request receives none of it.
      if (request.method === 'GET') await audit.record(actorOf(ctx.staff.user, ctx.ip), { action: 'audit.exported', details: { filter } });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .header('cache-control', 'no-store')
        .send('\uFEFF' + csv);
    },
  });
}
