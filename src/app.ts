import type { Lang } from '#src/db/types.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '#src/config.ts';
import type { Db } from '#src/db/connection.ts';
import { articleRoutes } from '#src/features/articles/routes.ts';
import { auditRoutes } from '#src/features/audit/routes.ts';
import { consultationRoutes } from '#src/features/consultation/routes.ts';
import { inboxRoutes } from '#src/features/consultation/inbox-routes.ts';
import { dataRightsRoutes } from '#src/features/consultation/data-rights-routes.ts';
import { integrationsRoutes } from '#src/features/settings/integrations-routes.ts';
import { dashboardRoutes } from '#src/features/dashboard/routes.ts';
import { editorialRoutes } from '#src/features/editorial/routes.ts';
import { reportAdminRoutes, reportRoutes } from '#src/features/editorial/reports-routes.ts';
import { homeRoutes } from '#src/features/home/routes.ts';
import { mediaAdminRoutes, mediaRoutes } from '#src/features/media/routes.ts';
import { pageRoutes } from '#src/features/pages/routes.ts';
import { peopleRoutes } from '#src/features/people/routes.ts';
import { seoRoutes } from '#src/features/seo/routes.ts';
import { settingsRoutes } from '#src/features/settings/routes.ts';
import { accountRoutes, signInRoutes, userRoutes } from '#src/features/staff/routes.ts';
import { topicRoutes } from '#src/features/topics/routes.ts';
import type { Access, AdminDeps } from '#src/http/admin/route.ts';
import { registerAssets } from '#src/http/assets.ts';
import { registerWidgetAsset } from '#src/http/widget-asset.ts';
import { proofOfWorkField } from '#src/web/proof-of-work-field.ts';
import { errorPages, type ErrorPages } from '#src/http/error-pages.ts';
import { FastLane } from '#src/http/fast-lane.ts';
import { serverWithFastLane } from '#src/http/server.ts';
import { RequestLog } from '#src/http/request-log.ts';
import { rejectNulBytes } from '#src/http/nul-guard.ts';
import type { WebDeps } from '#src/http/public-route.ts';
import { adminScope, publicScope } from '#src/http/scopes.ts';
import { applySecurityHeaders, clientErrorHandler, securityHeaders } from '#src/http/security-headers.ts';
import { watchContentVersion } from '#src/platform/content-version.ts';
import { PageCache } from '#src/platform/page-cache.ts';
import { cacheWarmer, type CacheWarmer } from '#src/platform/cache-warmer.ts';
import { connectRedis, redisReady } from '#src/platform/redis.ts';
import { createServices, type Services } from '#src/services.ts';
import { contentSecurityPolicy } from '#src/http/content-security-policy.ts';

export interface AppOptions {
  config: Config;
  db: Db;
  logger?: boolean | object;
  /** How often to look for content changed by another process (ms); 0 turns it off. */
  contentPollMs?: number;
  /**
   * Fill the page cache in the background at start and after each content change (main.ts does;
   * tests only when they are about it, so that other tests do not render pages behind their back).
   */
  warmCache?: boolean;
  /** A clock for tests of session expiry and link lifetimes. */
  now?: () => Date;
  /** How mail leaves (shown on the outbox page), e.g. "SMTP to mail.example.org:587". */
  mailMode?: string;
  /** Waits before answering a throttled sign-in (real time unless a test replaces it). */
  sleep?: (ms: number) => Promise<void>;
}

export interface StaffRouteInfo {
  method: string;
  url: string;
  access: Access;
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
  cache: PageCache;
  /** Cached pages answered before routing (see http/fast-lane.ts). */
  fastLane: FastLane;
  /** The background filling of the page cache (idle unless `warmCache`). */
  warmer: CacheWarmer;
  /** Checks the shared content version now (the app also does it every few seconds). */
  refreshContent: () => Promise<void>;
  /** Every /admin route with the access it declares, as registered (the permission matrix test reads this). */
  staffRoutes: StaffRouteInfo[];
}


/** The composition root: platform plugins first, then each feature's routes. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const headers = securityHeaders({
    contentSecurityPolicy,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.baseUrl.startsWith('https:'),
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  // Filled in once the features it renders with exist; Fastify calls it only for requests.
  const errors: { pages?: ErrorPages } = {};
  const accessLines = config.logLevel === 'debug' || config.logLevel === 'trace';
  const cache = new PageCache({ maxBytes: config.pageCacheBytes });
  const fastLane = new FastLane(cache, !accessLines);
  const fastify = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController: new RequestLog({ slowMs: config.slowRequestMs, accessLines }),
    serverFactory: serverWithFastLane(fastLane),
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 64 * 1024,
    // A client that never finishes sending its request must not hold a connection (and shutdown) for ever.
    requestTimeout: 60_000,
    // Malformed URLs (bad percent-encoding) are the client's fault: answer with the 400 page.
    frameworkErrors: (error, request, reply) => {
      void errors.pages?.frameworkError(error, request, reply);
    },
    // Requests the HTTP parser rejects never reach Fastify's hooks; their answer carries the headers too.
    clientErrorHandler: clientErrorHandler(headers),
  });
  const services = createServices(db, { baseUrl: config.baseUrl, now: options.now });
  // Closing: new requests get Fastify's 503 with Connection: close, so keep-alive clients let go.
  fastify.addHook('preClose', async () => fastLane.close());
  const warmer = cacheWarmer({ cache, fetch: async (path) => (await fastify.inject({ url: path })).body, log: fastify.log });
  const warm = options.warmCache ? () => warmer.warm() : () => {};
  fastify.addHook('onReady', async () => warm());
  fastify.addHook('onClose', async () => warmer.stop());

  applySecurityHeaders(fastify, headers);

  rejectNulBytes(fastify);
  const staffRoutes: StaffRouteInfo[] = [];
  fastify.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access) for (const method of [route.method].flat()) if (method !== 'HEAD') staffRoutes.push({ method, url: route.url, access });
  });

  const widget = await registerWidgetAsset(fastify, headers);
  const assets = {
    ...(await registerAssets(fastify, headers)),
    proofOfWork: (lang: Lang) => proofOfWorkField({ challengeUrl: '/consultation/challenge', scriptUrl: widget.url, lang }),
  };
  const redis = config.redisUrl ? connectRedis(config.redisUrl, fastify.log) : undefined;
  if (redis) {
    fastify.addHook('onReady', async () => void (await redisReady(redis, 1000)));
    fastify.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  }
  const deps: WebDeps = { services, cache, fastLane, assets, baseUrl: config.baseUrl, redis, securityHeaders: headers };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const refreshContent = watchContentVersion(fastify, services, cache, options.contentPollMs ?? 2000, warm);
  const adminDeps: AdminDeps = { services, assets, baseUrl: config.baseUrl, cookieSecure: config.cookieSecure, sleep, refreshContent, mailMode: options.mailMode ?? 'not configured' };

  // Set before any route: a route keeps the error handler that was in place when it was added.
  const pages = errorPages({ ...deps, assets, cookieSecure: config.cookieSecure }, headers);
  errors.pages = pages;
  fastify.setNotFoundHandler((request, reply) => pages.notFound(request, reply));
  fastify.setErrorHandler((error, request, reply) => pages.handle(error, request, reply));

  await publicScope(fastify, deps, [homeRoutes, articleRoutes, topicRoutes, peopleRoutes, pageRoutes, consultationRoutes, reportRoutes, seoRoutes, mediaRoutes]);
  await adminScope(fastify, adminDeps, [signInRoutes, dashboardRoutes, accountRoutes, userRoutes, settingsRoutes, integrationsRoutes, auditRoutes, inboxRoutes, dataRightsRoutes, editorialRoutes, reportAdminRoutes, mediaAdminRoutes]);
  fastify.get('/healthz', async () => ({ ok: true }));
  return { fastify, services, cache, fastLane, warmer, refreshContent, staffRoutes };
}
