import type { FastifyReply } from 'fastify';
import type { Actor } from '#src/features/audit/service.ts';
import { errors, type ErrorEntry } from '#src/errors.ts';
import type { Services } from '#src/services.ts';
import { adminErrorView } from '#src/web/admin-errors.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { errorTexts } from '#src/web/error-view.ts';
import { sendHtml } from './reply.ts';

export type RefusalKind = 'unauthenticated' | 'forbidden' | 'csrf';

const errorOf: Record<RefusalKind, ErrorEntry> = { unauthenticated: errors.Unauthenticated.spec, forbidden: errors.Forbidden.spec, csrf: errors.CsrfRejected.spec };

function sendError(reply: FastifyReply, view: AdminViewContext, entry: ErrorEntry): FastifyReply {
  return sendHtml(reply, entry.status, adminErrorView(view, errorTexts(entry)));
}
const auditAction: Record<Exclude<RefusalKind, 'unauthenticated'>, string> = { forbidden: 'access.denied', csrf: 'csrf.rejected' };

function tooMany(reply: FastifyReply, view: AdminViewContext, retryAfterSeconds: number): FastifyReply {
  return sendError(reply.header('retry-after', String(retryAfterSeconds)), view, errors.RefusedTooOften.spec);
}

/**
 * Refuses a request: recorded in the audit log (at bounded cost, see AuditService.refuse) unless it
 * is only a missing sign-in, and answered 429 instead once the client has been refused too often.
 */
export async function refuse(audit: Services['audit'], reply: FastifyReply, o: { kind: RefusalKind; actor: Actor; where: string; view: AdminViewContext }): Promise<FastifyReply> {
  if (o.kind !== 'unauthenticated') {
    const outcome = await audit.refuse(o.actor, auditAction[o.kind], o.where);
    if (outcome.limited) return tooMany(reply, o.view, outcome.retryAfterSeconds);
  }
  return sendError(reply, o.view, errorOf[o.kind]);
}

/**
 * A client refused too often in this window gets a cheap 429 before any form is looked at. Returns
 * whether it was answered so (a boolean, not the reply: a reply is thenable and would be awaited away).
 */
export async function refusedTooOften(audit: Services['audit'], reply: FastifyReply, o: { actor: Actor & { ip: string }; where: string; view: AdminViewContext }): Promise<boolean> {
  const exhausted = await audit.refusalsExhausted(o.actor.ip);
  if (!exhausted.limited) return false;
  await audit.refuse(o.actor, 'refusals.rate-limited', o.where);
  tooMany(reply, o.view, exhausted.retryAfterSeconds);
  return true;
}
