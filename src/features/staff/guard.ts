import { timingSafeEqual } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import type { Services } from '#src/services.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import type { Assets } from '#src/web/context.ts';
import { languages, localePath, translator } from '#src/web/i18n/index.ts';
import { langOfUrl } from '#src/web/public-route.ts';
import { can, type Action } from './permissions.ts';
import type { SignedIn } from './service.ts';
import { newToken } from './tokens.ts';
import { adminErrorView } from './views.ts';

/** Who may reach a route: an action from the permission table, or one of the steps of signing in. */
export type Access = Action | 'public' | 'second-factor' | 'signed-in';

export interface AdminDeps {
  services: Services;
  assets: Assets & { adminCss: string };
  baseUrl: string;
  cookieSecure: boolean;
  /** Holds back answers to repeated failed sign-ins; tests pass one that moves their clock instead. */
  sleep: (ms: number) => Promise<void>;
  /** Drops this process's cached public pages now when published content or settings changed (other processes follow within seconds). */
  refreshContent: () => Promise<void>;
}

export interface AdminRequestContext {
  lang: Lang;
  staff: SignedIn | null;
  view: AdminViewContext;
  /** The path in this request's language: p('/admin/users') → '/ur/admin/users' on Urdu pages. */
  p: (path: string) => string;
  ip: string;
  userAgent: string;
}

export type AdminHandler = (request: FastifyRequest, reply: FastifyReply, ctx: AdminRequestContext) => Promise<unknown>;

export interface AdminRoute {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  /** Reachable while an account that must set up two-step verification has not yet done so. */
  duringEnrolment?: boolean;
  handler: AdminHandler;
}

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
  return secure ? '__Host-cs_session' : 'cs_session';
}

export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-cs_csrf' : 'cs_csrf';
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Refuses a form post that a browser says came from another site. */
function crossSite(request: FastifyRequest, baseUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return typeof origin === 'string';
  return origin !== new URL(baseUrl).origin && origin !== `${request.protocol}://${request.headers.host ?? ''}`;
}

export function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

/** The same page in the other language; after a form post (no page of its own) the overview. */
function otherLanguagePath(url: string, lang: Lang, method: string): string {
  const path = method === 'GET' ? (url.split('?')[0] ?? '/admin') : localePath(lang, '/admin');
  return lang === 'ur' ? path.replace(/^\/ur/, '') || '/admin' : `/ur${path}`;
}

/** Registers an /admin route in both languages behind the one guard every staff page goes through. */
export function adminRoute(app: FastifyInstance, deps: AdminDeps, route: AdminRoute): void {
  const sessionCookie = sessionCookieName(deps.cookieSecure);
  const csrfCookie = csrfCookieName(deps.cookieSecure);
  const { staff: staffService, audit, settings } = deps.services;

  for (const lang of languages) {
    app.route({
      method: route.method,
      url: localePath(lang, route.path),
      config: { access: route.access },
      handler: async (request, reply) => {
        const staff = await staffService.resolveSession(request.cookies[sessionCookie]);
        const p = (path: string) => localePath(lang, path);
        const ip = request.ip;
        // Pre-sign-in forms use a double-submit cookie; signed-in forms the session's own token.
        let formToken = request.cookies[csrfCookie];
        if (!staff && route.access === 'public' && route.method === 'GET' && !formToken) {
          formToken = newToken();
          reply.setCookie(csrfCookie, formToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure });
        }
        const clinic = await settings.clinic();
        const view: AdminViewContext = {
          lang,
          t: translator(lang),
          assets: deps.assets,
          clinicName: clinic.name,
          otherLangPath: otherLanguagePath(request.url, lang, route.method),
          staff: staff && staff.session.stage === 'full' ? { email: staff.user.email, name: staff.user.name, roles: staff.roles } : null,
          csrf: staff ? staff.session.csrf_token : (formToken ?? ''),
        };
        const ctx: AdminRequestContext = { lang, staff, view, p, ip, userAgent: String(request.headers['user-agent'] ?? '') };
        const actor = { id: staff?.user.id ?? null, email: staff?.user.email ?? null, ip };
        const path = request.url.split('?')[0] ?? '';
        const tooMany = (retryAfterSeconds: number) => sendHtml(reply.header('retry-after', String(retryAfterSeconds)), 429, adminErrorView(view, 'too-many'));
        const deny = async (status: 401 | 403, kind: 'unauthenticated' | 'forbidden' | 'csrf') => {
          if (kind !== 'unauthenticated') {
            const outcome = await audit.refuse(actor, kind === 'csrf' ? 'csrf.rejected' : 'access.denied', `${route.method} ${path}`);
            if (outcome.limited) return tooMany(outcome.retryAfterSeconds);
          }
          return sendHtml(reply, status, adminErrorView(view, kind));
        };

        if (route.method === 'POST') {
          // A client refused too often in this window gets a cheap 429 before any form is looked at.
          const exhausted = await audit.refusalsExhausted(ip);
          if (exhausted.limited) {
            await audit.refuse(actor, 'refusals.rate-limited', `${route.method} ${path}`);
            return tooMany(exhausted.retryAfterSeconds);
          }
          const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
          const expected = staff ? staff.session.csrf_token : request.cookies[csrfCookie];
          if (crossSite(request, deps.baseUrl) || !sameToken(typeof sent === 'string' ? sent : undefined, expected)) return deny(403, 'csrf');
        }
        if (route.access === 'public') return route.handler(request, reply, ctx);
        if (!staff) {
          if (route.method === 'GET') return redirect(reply, `${p('/admin/sign-in')}?next=${encodeURIComponent(request.url)}`);
          return deny(401, 'unauthenticated');
        }
        if (staff.session.stage === 'second-factor') {
          if (route.access === 'second-factor' || route.access === 'signed-in') return route.handler(request, reply, ctx);
          return route.method === 'GET' ? redirect(reply, p('/admin/sign-in/code')) : deny(401, 'unauthenticated');
        }
        if (route.access === 'second-factor') return redirect(reply, p('/admin'));
        if (!route.duringEnrolment && route.access !== 'signed-in' && (await staffService.mustEnrol(staff.user))) {
          return route.method === 'GET' ? redirect(reply, p('/admin/account/2fa')) : deny(403, 'forbidden');
        }
        if (route.access !== 'signed-in' && !can(staff.roles, route.access)) return deny(403, 'forbidden');
        return route.handler(request, reply, ctx);
      },
    });
  }
}

export function setSessionCookie(reply: FastifyReply, deps: AdminDeps, token: string): void {
  reply.setCookie(sessionCookieName(deps.cookieSecure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure });
}

export function clearSessionCookie(reply: FastifyReply, deps: AdminDeps): void {
  reply.clearCookie(sessionCookieName(deps.cookieSecure), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure });
}

/** Only a path inside the dashboard is a safe place to return to after signing in. */
export function safeNext(next: unknown, lang: Lang): string {
  if (typeof next === 'string' && /^\/(ur\/)?admin(\/[\w\-/.]*)?(\?[\w\-=&%.]*)?$/.test(next) && !next.includes('//') && !next.includes('..')) return next;
  return localePath(lang, '/admin');
}

export function langOf(request: FastifyRequest): Lang {
  return langOfUrl(request.url);
}
