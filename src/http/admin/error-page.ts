import { fastifyCookie } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import type { SignedIn } from '#src/features/staff/service.ts';
import type { Services } from '#src/services.ts';
import { adminErrorView } from '#src/web/admin-errors.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import type { Assets } from '#src/web/context.ts';
import type { ErrorTexts } from '#src/web/error-view.ts';
import { translator } from '#src/web/i18n/index.ts';
import { otherLanguagePath } from './route.ts';
import { sessionCookieName } from './session-cookie.ts';

export interface AdminErrorDeps {
  services: Services;
  assets: Assets & { adminCss: string; editorJs: string };
  cookieSecure: boolean;
}

export function isAdminPath(url: string): boolean {
  return /^\/(ur\/)?admin(\/|$|\?)/.test(url);
}

/**
 * The person behind the session cookie, so that an error page keeps the dashboard's navigation.
 * The error handler runs outside the dashboard scope, where cookies are not parsed, so it reads the
 * header itself; when that fails too, the page is drawn as for someone signed out.
 */
async function signedIn(deps: AdminErrorDeps, request: FastifyRequest): Promise<SignedIn | null> {
  const header = request.headers.cookie;
  if (!header) return null;
  try {
    const token = fastifyCookie.parse(header)[sessionCookieName(deps.cookieSecure)];
    const staff = await deps.services.staff.resolveSession(token);
    return staff?.session.stage === 'full' ? staff : null;
  } catch {
    return null;
  }
}

/** An error under /admin, drawn in the dashboard layout; askDatabase is false when the database is the problem. */
export async function adminErrorPage(deps: AdminErrorDeps, request: FastifyRequest, o: { lang: Lang; texts: ErrorTexts; clinicName: string; askDatabase: boolean }): Promise<string> {
  const staff = o.askDatabase ? await signedIn(deps, request) : null;
  const view: AdminViewContext = {
    lang: o.lang,
    t: translator(o.lang),
    assets: deps.assets,
    clinicName: o.clinicName,
    otherLangPath: otherLanguagePath(request.url, o.lang, request.method),
    staff: staff && { email: staff.user.email, name: staff.user.name, roles: staff.roles },
    csrf: staff?.session.csrf_token ?? '',
  };
  return adminErrorView(view, o.texts);
}
