import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { consultationView } from './views.ts';

export function consultationRoutes(app: FastifyInstance, deps: WebDeps): void {
  publicPage(app, deps, '/consultation', async (ctx) => consultationView(ctx));
}
