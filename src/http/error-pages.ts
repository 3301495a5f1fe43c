import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import { isDatabaseUnavailable } from '#src/db/unavailable.ts';
import type { ClinicSettings } from '#src/features/settings/service.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { direction, translator } from '#src/web/i18n/index.ts';
import { HTML, langOfUrl, viewContext, type WebDeps } from '#src/http/public-route.ts';
import { errorView, type ErrorKind } from '#src/web/error-view.ts';

/** How long a client is asked to wait before trying again when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorPages {
  /** Answers with the error page for this status, in the reader's language, with every security header. */
  send(request: FastifyRequest, reply: FastifyReply, status: number): Promise<FastifyReply>;
  /** Fastify's error handler: a lost database is 503, a client error keeps its status, the rest is 500. */
  handle(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

function statusKind(status: number): ErrorKind {
  if (status === 404 || status === 429 || status === 503) return status;
  return status >= 500 ? 500 : 400;
}

export function errorStatus(error: unknown): number {
  if (isDatabaseUnavailable(error)) return 503;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** With no clinic settings at hand (the database is down): a bare page, still translated. */
function barePage(lang: Lang, kind: ErrorKind): string {
  const t = translator(lang);
  return html`<!DOCTYPE html><html lang="${lang}" dir="${direction(lang)}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(`error.${kind}.title`)}</title><h1>${t(`error.${kind}.title`)}</h1><p>${t(`error.${kind}.text`)}</p>`;
}

/**
 * Error pages. Headers are set here as well as in the onRequest hook, because Fastify answers some
 * errors (a malformed URL) before any hook has run. The clinic settings last read are kept, so the
 * page keeps its layout when the database has just failed; a 503 does not ask the database again.
 */
export function errorPages(deps: WebDeps, securityHeaders: Record<string, string>): ErrorPages {
  let lastClinic: ClinicSettings | undefined;
  const context = async (lang: Lang, askDatabase: boolean): Promise<ViewContext | undefined> => {
    if (askDatabase) {
      try {
        const ctx = await viewContext(deps, lang);
        lastClinic = ctx.clinic;
        return ctx;
      } catch {
        // fall through to the settings read last time
      }
    }
    return lastClinic && { lang, t: translator(lang), clinic: lastClinic, baseUrl: deps.baseUrl, assets: deps.assets };
  };
  const render = async (lang: Lang, kind: ErrorKind, path: string): Promise<string> => {
    const ctx = await context(lang, kind !== 503);
    try {
      if (ctx) return errorView(ctx, kind, path);
    } catch {
      // a broken layout must not hide the error behind another one
    }
    return barePage(lang, kind);
  };
  const send = async (request: FastifyRequest, reply: FastifyReply, status: number) => {
    const kind = statusKind(status);
    const body = await render(langOfUrl(request.url), kind, request.url.split('?')[0] ?? '/');
    reply.code(status).headers(securityHeaders).header('content-type', HTML).header('cache-control', 'no-store');
    if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.send(body);
  };
  const handle = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const status = errorStatus(error);
    if (status === 503) request.log.warn({ err: error }, 'database unavailable: answered 503');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    return send(request, reply, status);
  };
  return { send, handle };
}
