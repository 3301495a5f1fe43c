import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import { articleRoutes } from './features/articles/routes.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { dashboardRoutes } from './features/dashboard/routes.ts';
import { consultationRoutes } from './features/consultation/routes.ts';
import { errorPages, type ErrorPages } from './features/errors/send.ts';
import { homeRoutes } from './features/home/routes.ts';
import { pageRoutes } from './features/pages/routes.ts';
import { peopleRoutes } from './features/people/routes.ts';
import { seoRoutes } from './features/seo/routes.ts';
import { settingsRoutes } from './features/settings/routes.ts';
import type { Access, AdminDeps } from './features/staff/guard.ts';
import { accountRoutes, signInRoutes, userRoutes } from './features/staff/routes.ts';
import { topicRoutes } from './features/topics/routes.ts';
import { rejectNulBytes } from './platform/nul-guard.ts';
import { PageCache } from './platform/page-cache.ts';
import { connectRedis, redisReady } from './platform/redis.ts';
import { applySecurityHeaders, clientErrorHandler, securityHeaders } from './platform/security-headers.ts';
import { watchContentVersion } from './platform/content-version.ts';
import { createServices, type Services } from './services.ts';
import { registerAssets } from './web/assets.ts';
import type { WebDeps } from './web/public-route.ts';

export interface AppOptions {
  config: Config;
  db: Db;
  logger?: boolean | object;
  /** How often to look for content changed by another process (ms); 0 turns it off. */
  contentPollMs?: number;
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
  /** Checks the shared content version now (the app also does it every few seconds). */
  refreshContent: () => Promise<void>;
  /** Every /admin route with the access it declares, as registered (the permission matrix test reads this). */
  staffRoutes: StaffRouteInfo[];
}

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    // Video embeds are the only third party, and only after the reader presses play.
    frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
};

/** The composition root: platform plugins first, then each feature's routes. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const headers = securityHeaders({
    contentSecurityPolicy,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.baseUrl.startsWith('https:'),
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  // Assigned once the features it renders with exist; Fastify calls it only for requests.
  let errors: ErrorPages | undefined;
  const fastify = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 64 * 1024,
    // A client that never finishes sending its request must not hold a connection (and shutdown) for ever.
    requestTimeout: 60_000,
    // Malformed URLs (bad percent-encoding) are the client's fault: answer with the 400 page.
    frameworkErrors: (error, request, reply) => {
      void errors?.send(request, reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400);
    },
    // Requests the HTTP parser rejects never reach Fastify's hooks; their answer carries the headers too.
    clientErrorHandler: clientErrorHandler(headers),
  });
  const services = createServices(db, { baseUrl: config.baseUrl, now: options.now });
  const cache = new PageCache();

  applySecurityHeaders(fastify, headers);

  rejectNulBytes(fastify);
  const staffRoutes: StaffRouteInfo[] = [];
  fastify.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access) for (const method of [route.method].flat()) if (method !== 'HEAD') staffRoutes.push({ method, url: route.url, access });
  });

  const assets = await registerAssets(fastify);
  const redis = config.redisUrl ? connectRedis(config.redisUrl, fastify.log) : undefined;
  if (redis) {
    fastify.addHook('onReady', async () => void (await redisReady(redis, 1000)));
    fastify.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  }
  const deps: WebDeps = { services, cache, assets, baseUrl: config.baseUrl, redis };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const refreshContent = watchContentVersion(fastify, services, cache, options.contentPollMs ?? 2000);
  const adminDeps: AdminDeps = { services, assets, baseUrl: config.baseUrl, cookieSecure: config.cookieSecure, sleep, refreshContent };

  // Set before any route: a route keeps the error handler that was in place when it was added.
  const pages = errorPages(deps, headers);
  errors = pages;
  fastify.setNotFoundHandler((request, reply) => pages.send(request, reply, 404));
  fastify.setErrorHandler((error, request, reply) => pages.handle(error, request, reply));

  homeRoutes(fastify, deps);
  articleRoutes(fastify, deps);
  topicRoutes(fastify, deps);
  peopleRoutes(fastify, deps);
  pageRoutes(fastify, deps);
  consultationRoutes(fastify, deps);
  seoRoutes(fastify, deps);

  // Cookies and form bodies only matter to the staff dashboard; public pages do not parse them.
  await fastify.register(async (admin) => {
    await admin.register(cookie);
    await admin.register(formbody, { bodyLimit: 64 * 1024 });
    signInRoutes(admin, adminDeps);
    dashboardRoutes(admin, { ...adminDeps, mailMode: options.mailMode ?? 'not configured' });
    accountRoutes(admin, adminDeps);
    userRoutes(admin, adminDeps);
    settingsRoutes(admin, adminDeps);
    auditRoutes(admin, adminDeps);
  });
  fastify.get('/healthz', async () => ({ ok: true }));


  return { fastify, services, cache, refreshContent, staffRoutes };
}
