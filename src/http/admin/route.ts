import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import type { SignedIn } from '#src/features/staff/service.ts';
import { can, type Action } from '#src/permissions.ts';
import type { Services } from '#src/services.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import type { Assets } from '#src/web/context.ts';
import { languages, localePath, translator } from '#src/web/i18n/index.ts';
import { csrfRefused, formToken } from './csrf.ts';
import { refuse, refusedTooOften, type RefusalKind } from './refusals.ts';
import { redirect } from './reply.ts';
import { sessionCookieName } from './session-cookie.ts';

/** Who may reach a route: an action from the permission table, or one of the steps of signing in. */
export type Access = Action | 'public' | 'second-factor' | 'signed-in';

export interface AdminDeps {
  services: Services;
  assets: Assets & { adminCss: string; editorJs: string };
  baseUrl: string;
  cookieSecure: boolean;
  /** Holds back answers to repeated failed sign-ins; tests pass one that moves their clock instead. */
  sleep: (ms: number) => Promise<void>;
  /** Drops this process's cached public pages now when published content or settings changed (other processes follow within seconds). */
  refreshContent: () => Promise<void>;
  /** How mail leaves (shown on the outbox page), e.g. "SMTP to mail.example.org:587". */
  mailMode: string;
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

/** The same page in the other language; after a form post (no page of its own) the overview. */
export function otherLanguagePath(url: string, lang: Lang, method: string): string {
  const path = method === 'GET' ? (url.split('?')[0] ?? '/admin') : localePath(lang, '/admin');
  return lang === 'ur' ? path.replace(/^\/ur/, '') || '/admin' : `/ur${path}`;
}

async function requestContext(deps: AdminDeps, route: AdminRoute, lang: Lang, request: FastifyRequest, reply: FastifyReply): Promise<AdminRequestContext> {
  const staff = await deps.services.staff.resolveSession(request.cookies[sessionCookieName(deps.cookieSecure)]);
  const csrf = formToken(request, reply, { sessionToken: staff?.session.csrf_token, issue: !staff && route.access === 'public' && route.method === 'GET', secure: deps.cookieSecure });
  const clinic = await deps.services.settings.clinic();
  const view: AdminViewContext = {
    lang,
    t: translator(lang),
    assets: deps.assets,
    clinicName: clinic.name,
    otherLangPath: otherLanguagePath(request.url, lang, route.method),
    staff: staff && staff.session.stage === 'full' ? { email: staff.user.email, name: staff.user.name, roles: staff.roles } : null,
    csrf,
  };
  return { lang, staff, view, p: (path) => localePath(lang, path), ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

type Decision = { kind: 'handle' } | { kind: 'redirect'; to: string } | { kind: 'refuse'; refusal: RefusalKind };

/** Who gets through: the route's access against the session's stage, two-step enrolment and the permission table. */
async function decide(deps: AdminDeps, route: AdminRoute, ctx: AdminRequestContext, url: string): Promise<Decision> {
  const { staff, p } = ctx;
  const get = route.method === 'GET';
  if (route.access === 'public') return { kind: 'handle' };
  if (!staff) return get ? { kind: 'redirect', to: `${p('/admin/sign-in')}?next=${encodeURIComponent(url)}` } : { kind: 'refuse', refusal: 'unauthenticated' };
  if (staff.session.stage === 'second-factor') {
    if (route.access === 'second-factor' || route.access === 'signed-in') return { kind: 'handle' };
    return get ? { kind: 'redirect', to: p('/admin/sign-in/code') } : { kind: 'refuse', refusal: 'unauthenticated' };
  }
  if (route.access === 'second-factor') return { kind: 'redirect', to: p('/admin') };
  if (!route.duringEnrolment && route.access !== 'signed-in' && (await deps.services.staff.mustEnrol(staff.user))) {
    return get ? { kind: 'redirect', to: p('/admin/account/2fa') } : { kind: 'refuse', refusal: 'forbidden' };
  }
  if (route.access !== 'signed-in' && !can(staff.roles, route.access)) return { kind: 'refuse', refusal: 'forbidden' };
  return { kind: 'handle' };
}

/** Registers an /admin route in both languages behind the one guard every staff page goes through. */
export function adminRoute(app: FastifyInstance, deps: AdminDeps, route: AdminRoute): void {
  const { audit } = deps.services;
  for (const lang of languages) {
    app.route({
      method: route.method,
      url: localePath(lang, route.path),
      config: { access: route.access },
      handler: async (request, reply) => {
        const ctx = await requestContext(deps, route, lang, request, reply);
        const actor = { id: ctx.staff?.user.id ?? null, email: ctx.staff?.user.email ?? null, ip: ctx.ip };
        const where = `${route.method} ${request.url.split('?')[0] ?? ''}`;
        if (route.method === 'POST') {
          if (await refusedTooOften(audit, reply, { actor, where, view: ctx.view })) return reply;
          if (csrfRefused(request, { sessionToken: ctx.staff?.session.csrf_token, baseUrl: deps.baseUrl, secure: deps.cookieSecure })) {
            return refuse(audit, reply, { kind: 'csrf', actor, where, view: ctx.view });
          }
        }
        const decision = await decide(deps, route, ctx, request.url);
        if (decision.kind === 'redirect') return redirect(reply, decision.to);
        if (decision.kind === 'refuse') return refuse(audit, reply, { kind: decision.refusal, actor, where, view: ctx.view });
        return route.handler(request, reply, ctx);
      },
    });
  }
}

/** Only a path inside the dashboard is a safe place to return to after signing in. */
export function safeNext(next: unknown, lang: Lang): string {
  if (typeof next === 'string' && /^\/(ur\/)?admin(\/[\w\-/.]*)?(\?[\w\-=&%.]*)?$/.test(next) && !next.includes('//') && !next.includes('..')) return next;
  return localePath(lang, '/admin');
}
