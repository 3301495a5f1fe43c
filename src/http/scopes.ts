import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from './admin/route.ts';
import type { WebDeps } from './public-route.ts';

export type PublicFeature = (app: FastifyInstance, deps: WebDeps) => void;
export type AdminFeature = (app: FastifyInstance, deps: AdminDeps) => void;

/** Form bodies the dashboard accepts: enough for any of its forms, small enough to refuse a flood early. */
const ADMIN_BODY_LIMIT = 64 * 1024;

/**
 * The public site: pages the same for every reader, so no cookie or form body is ever parsed here
 * (a cookie could only tempt a route into answering per reader and spoil the shared cache).
 */
export async function publicScope(app: FastifyInstance, deps: WebDeps, features: PublicFeature[]): Promise<void> {
  await app.register(async (scope) => {
    for (const register of features) register(scope, deps);
  });
}

/** The staff dashboard: session cookies and form bodies, every route behind the guard of admin/route.ts. */
export async function adminScope(app: FastifyInstance, deps: AdminDeps, features: AdminFeature[]): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(formbody, { bodyLimit: ADMIN_BODY_LIMIT });
    for (const register of features) register(scope, deps);
  });
}
