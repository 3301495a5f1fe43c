import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '#src/db/types.ts';
import { errors } from '#src/errors.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { publicPage, viewContext, type WebDeps } from '#src/http/public-route.ts';
import { fromThisSite } from '#src/http/same-site.ts';
import type { ViewContext } from '#src/web/context.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import type { FieldError } from '#src/web/forms.ts';
import { languages, localePath } from '#src/web/i18n/index.ts';
import { challengeRoute } from './challenge-route.ts';
import { emptyForm, readConsultationForm, readEvidence, validateConsultation, type ConsultationForm } from './forms.ts';
import { ADDRESS_LIMITS } from './service.ts';
import { consultationView, thanksView } from './views.ts';

type Body = Record<string, unknown>;

/** Enough for the longest message in any script (UTF-8, percent-encoded) and the proof of work; anything bigger is refused early. */
const FORM_BODY_LIMIT = 32 * 1024;

export function consultationRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { consultations } = deps.services;
  const widget = (ctx: ViewContext) => deps.assets.proofOfWork?.(ctx.lang) ?? '';
  const defaults = (ctx: ViewContext) => ({ country: ctx.clinic.country, timeZone: ctx.clinic.timeZone });

  const page = async (ctx: ViewContext, form: ConsultationForm, fieldErrs: FieldError[], refusal?: string) =>
    consultationView(ctx, { form, errors: fieldErrs, conditions: await consultations.conditions(ctx.lang), proofOfWork: widget(ctx), refusal });

  publicPage(app, deps, '/consultation', async (ctx) => page(ctx, emptyForm(defaults(ctx)), []));

  const post = (lang: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!fromThisSite(request, deps.baseUrl)) throw new errors.CsrfRejected();
    const body = (request.body ?? {}) as Body;
    const ctx = await viewContext(deps, lang);
    const form = readConsultationForm(body, defaults(ctx));
    // The short form of an article leads here: the whole form, with what was typed, nothing checked yet.
    if (body.step === 'short') return sendHtml(reply, 200, await page(ctx, form, []));
    const addressHits = await consultations.countAddress(request.ip);
    if (addressHits > ADDRESS_LIMITS.refuseAfter) return sendHtml(reply, 429, await page(ctx, form, [], ctx.t('consult.refused.address')));
    const conditions = (await consultations.conditions(lang)).map((c) => c.slug);
    const checked = validateConsultation(form, { clinicCountry: await consultations.clinicCountry(), conditions });
    if (!checked.ok) return sendHtml(reply, 400, await page(ctx, form, fieldErrors(checked.issues, { t: ctx.t })));
    let result: Awaited<ReturnType<typeof consultations.submit>>;
    try {
      result = await consultations.submit({ input: checked.value, evidence: readEvidence(body), lang, addressHits });
    } catch (err) {
      // Nothing was stored (one transaction); the patient keeps what they typed and can send it again.
      request.log.error({ err }, 'consultation request could not be stored');
      return sendHtml(reply, 503, await page(ctx, form, [], ctx.t('consult.refused.storage')));
    }
    if (!result.ok) return sendHtml(reply, 429, await page(ctx, form, [], ctx.t('consult.refused.phone')));
    return redirect(reply, localePath(lang, `/consultation/thanks/${result.reference}`));
  };

  const thanks = (lang: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { reference } = request.params as { reference: string };
    const promise = await consultations.promise(reference);
    if (!promise) throw new errors.NotFound();
    return sendHtml(reply, 200, thanksView(await viewContext(deps, lang), promise));
  };

  app.register(async (scoped) => {
    await scoped.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
    // The form is only ever posted urlencoded; other bodies (JSON included, which Fastify reads by default under the app-wide limit) are refused with 415.
    scoped.removeContentTypeParser(['application/json', 'text/plain']);
    for (const lang of languages) {
      scoped.post(localePath(lang, '/consultation'), post(lang));
      scoped.get(localePath(lang, '/consultation/thanks/:reference'), thanks(lang));
    }
  });
  challengeRoute(app, deps.services.proofOfWork);
}
