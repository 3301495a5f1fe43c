import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import { isDatabaseUnavailable } from '#src/db/unavailable.ts';
import { catalogEntry, errors, type ErrorEntry } from '#src/errors.ts';
import type { ViewContext } from '#src/web/context.ts';
import { bareErrorPage, errorTexts, errorView, type ErrorTexts } from '#src/web/error-view.ts';
import { translator } from '#src/web/i18n/index.ts';
import { adminErrorPage, isAdminPath, type AdminErrorDeps } from './admin/error-page.ts';
import { HTML, langOfUrl, viewContext, type WebDeps } from './public-route.ts';

/** How long a client is asked to wait before trying again when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** What an error is answered with: its catalog entry, and the status (a framework's 4xx keeps its own, e.g. 415). */
export interface ErrorAnswer {
  entry: ErrorEntry;
  status: number;
}

export interface ErrorPages {
  /** Answers with the page for this error, in the request's language and area (public or dashboard), with every security header. */
  send(request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer): Promise<FastifyReply>;
  /** Fastify's error handler: the error's catalog entry decides the status, the text and the log level. */
  handle(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  /** Errors Fastify finds before routing (a malformed URL): always the client's fault. */
  frameworkError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

const answerOf = (entry: ErrorEntry, status = entry.status): ErrorAnswer => ({ entry, status });

/** The catalog entry for any error: the app's own, or the one that stands for a framework's or a plugin's status. */
function errorAnswer(error: unknown): ErrorAnswer {
  if (isDatabaseUnavailable(error)) return answerOf(errors.DatabaseUnavailable.spec);
  const { code, statusCode } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; statusCode?: unknown };
  const own = catalogEntry(code);
  if (own) return answerOf(own);
  const status = typeof statusCode === 'number' ? statusCode : 500;
  if (status === 404) return answerOf(errors.NotFound.spec);
  if (status === 413) return answerOf(errors.BodyTooLarge.spec);
  if (status === 429) return answerOf(errors.RateLimited.spec);
  if (status >= 400 && status < 500) return answerOf(errors.BadRequest.spec, status);
  return answerOf(errors.Internal.spec);
}

/**
 * Error pages. Headers are set here as well as in the onRequest hook, because Fastify answers some
 * errors (a malformed URL) before any hook has run. The clinic settings last read are kept, so the
 * page keeps its layout when the database has just failed; a 503 does not ask the database again.
 */
export function errorPages(deps: WebDeps & AdminErrorDeps, securityHeaders: Record<string, string>): ErrorPages {
  let last: Pick<ViewContext, 'clinic' | 'responseTargetHours'> | undefined;
  const context = async (lang: Lang, askDatabase: boolean): Promise<ViewContext | undefined> => {
    if (askDatabase) {
      try {
        const ctx = await viewContext(deps, lang);
        last = { clinic: ctx.clinic, responseTargetHours: ctx.responseTargetHours };
        return ctx;
      } catch {
        // fall through to the settings read last time
      }
    }
    return last && { lang, t: translator(lang), ...last, baseUrl: deps.baseUrl, assets: deps.assets };
  };
  const render = async (request: FastifyRequest, texts: ErrorTexts, askDatabase: boolean): Promise<string> => {
    const lang = langOfUrl(request.url);
    const ctx = await context(lang, askDatabase);
    try {
      if (ctx && isAdminPath(request.url)) return await adminErrorPage(deps, request, { lang, texts, clinicName: ctx.clinic.name, askDatabase });
      if (ctx) return errorView(ctx, texts, request.url.split('?')[0] ?? '/');
    } catch {
      // a broken layout must not hide the error behind another one
    }
    return bareErrorPage(lang, texts);
  };
  const send = async (request: FastifyRequest, reply: FastifyReply, { entry, status }: ErrorAnswer) => {
    const unavailable = entry.code === errors.DatabaseUnavailable.spec.code;
    const body = await render(request, errorTexts(entry), !unavailable);
    reply.code(status).headers(securityHeaders).header('content-type', HTML).header('cache-control', 'no-store');
    if (unavailable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.send(body);
  };
  const handle = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = errorAnswer(error);
    request.log[answer.entry.log]({ err: error, code: answer.entry.code }, `answered ${answer.status}: ${answer.entry.message}`);
    return send(request, reply, answer);
  };
  const frameworkError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = errorAnswer(error);
    return send(request, reply, answer.status < 500 ? answer : answerOf(errors.BadRequest.spec));
  };
  const notFound = (request: FastifyRequest, reply: FastifyReply) => send(request, reply, answerOf(errors.NotFound.spec));
  return { send, handle, frameworkError, notFound };
}
