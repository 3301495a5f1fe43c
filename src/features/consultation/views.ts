import { breadcrumbLd, clinicLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { contactDetails } from '#src/web/contact.ts';
import { errorSummary, field, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { breadcrumbs } from '#src/web/parts.ts';
import { whatsappHref } from '#src/web/phone.ts';
import type { ConsultationForm } from './forms.ts';
import { consentBox, emergencyNote, hiddenFields, honeypot, MESSAGE_MAX, targetText } from '#src/web/consult-parts.ts';
import { preferredTimes, replyChannels } from './rules.ts';
import { countryOptions } from './countries.ts';
import { formatWhen } from './when.ts';

export interface FormPageOptions {
  form: ConsultationForm;
  errors: FieldError[];
  conditions: { slug: string; title: string }[];
  /** The proof-of-work widget (its element and script), or '' when the page is shown without it. */
  proofOfWork: string;
  /** A refusal shown above the form instead of field errors (too many requests). */
  refusal?: string;
}

const crumbsOf = (ctx: ViewContext, title: string, path: string): Crumb[] => [
  { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
  { name: title, path },
];

function select(o: { name: string; label: string; value: string; options: { value: string; label: string }[]; errors: FieldError[]; hint?: string }): string {
  const id = `f-${o.name}`;
  const error = o.errors.find((e) => e.field === id);
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field!${error ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
!${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
!${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<select id="${id}" name="${o.name}"!${describedBy ? html` aria-describedby="${describedBy}"` : ''}!${error ? ' aria-invalid="true"' : ''}>
!${o.options.map((opt) => html`<option value="${opt.value}"!${opt.value === o.value ? ' selected' : ''}>${opt.label}</option>`).join('')}
</select>
</div>`;
}

function radios(ctx: ViewContext, form: ConsultationForm, errors: FieldError[]): string {
  const error = errors.find((e) => e.field === 'f-replyVia');
  return html`<fieldset id="f-replyVia" class="choices"!${error ? ' aria-describedby="f-replyVia-error"' : ''}><legend>${ctx.t('consult.field.replyVia')}</legend>
!${error ? html`<p class="field-error" id="f-replyVia-error">${error.message}</p>` : ''}
!${replyChannels.map((c) => html`<div class="check"><input type="radio" id="reply-${c}" name="replyVia" value="${c}"!${form.replyVia === c ? ' checked' : ''}><label for="reply-${c}">${ctx.t(`consult.reply.${c}`)}</label></div>`).join('')}
</fieldset>`;
}

/** The whole form: the patient's details, how to reply, and the question. Works without JavaScript. */
function fullForm(ctx: ViewContext, o: FormPageOptions): string {
  const { form, errors } = o;
  const action = localePath(ctx.lang, '/consultation');
  const times = preferredTimes.map((t) => ({ value: t, label: ctx.t(`consult.time.${t}`) }));
  const conditions = [{ value: '', label: ctx.t('consult.condition.choose') }, ...o.conditions.map((c) => ({ value: c.slug, label: c.title })), { value: 'other', label: ctx.t('consult.condition.other') }];
  return html`<form method="post" action="${action}" class="consult-form" data-consult novalidate>
<fieldset><legend>${ctx.t('consult.group.you')}</legend>
!${field({ name: 'name', label: ctx.t('consult.field.name'), value: form.name, errors, autocomplete: 'name', required: true, dir: 'auto' })}
!${field({ name: 'phone', label: ctx.t('consult.field.phone'), hint: ctx.t('consult.field.phone.hint'), type: 'tel', value: form.phone, errors, autocomplete: 'tel', required: true, dir: 'ltr' })}
!${select({ name: 'country', label: ctx.t('consult.field.country'), value: form.country, options: countryOptions(ctx.lang), errors, hint: ctx.t('consult.field.country.hint') })}
!${field({ name: 'city', label: ctx.t('consult.field.city'), value: form.city, errors, autocomplete: 'address-level2', dir: 'auto' })}
</fieldset>
<fieldset><legend>${ctx.t('consult.group.reply')}</legend>
!${radios(ctx, form, errors)}
!${field({ name: 'email', label: ctx.t('consult.field.email'), hint: ctx.t('consult.field.email.hint'), type: 'email', value: form.email, errors, autocomplete: 'email', dir: 'ltr' })}
!${select({ name: 'preferredTime', label: ctx.t('consult.field.time'), value: form.preferredTime, options: times, errors })}
!${field({ name: 'timeZone', label: ctx.t('consult.field.timeZone'), hint: ctx.t('consult.field.timeZone.hint'), value: form.timeZone, errors, autocomplete: 'off', dir: 'ltr' })}
</fieldset>
<fieldset><legend>${ctx.t('consult.group.question')}</legend>
!${select({ name: 'condition', label: ctx.t('consult.field.condition'), value: form.condition, options: conditions, errors })}
!${textArea({ name: 'message', label: ctx.t('consult.field.message'), hint: ctx.t('consult.field.message.hint', { max: MESSAGE_MAX }), value: form.message, errors, rows: 6, maxlength: MESSAGE_MAX })}
</fieldset>
!${consentBox(ctx, form.consent, errors)}
!${honeypot()}
!${hiddenFields(form)}
!${o.proofOfWork}
<div class="actions"><button type="submit" class="button">${ctx.t('consult.send')}</button></div>
</form>`;
}

export function consultationView(ctx: ViewContext, o: FormPageOptions): string {
  const path = localePath(ctx.lang, '/consultation');
  const title = ctx.t('consult.title');
  const crumbs = crumbsOf(ctx, title, path);
  const main = html`!${breadcrumbs(ctx, crumbs)}<h1>${title}</h1>
<p class="summary">${ctx.t('consult.lead', { target: targetText(ctx) })}</p>
!${emergencyNote(ctx)}
!${o.refusal ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${o.refusal}</p></div>` : errorSummary(ctx.t('consult.errors.title'), o.errors)}
!${fullForm(ctx, o)}
<h2>${ctx.t('consult.other')}</h2>
!${contactDetails(ctx)}`;
  return layout(
    ctx,
    {
      title: o.errors.length || o.refusal ? `${ctx.t('consult.errors.prefix')} ${title}` : title,
      description: ctx.t('consult.intro'),
      path,
      alternates: [{ lang: 'en', path: '/consultation' }, { lang: 'ur', path: '/ur/consultation' }],
      jsonLd: [clinicLd(ctx), breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}

function whatsappText(ctx: ViewContext, reference: string): string {
  const href = whatsappHref(ctx.clinic.whatsapp);
  if (!href) return '';
  const text = encodeURIComponent(ctx.t('consult.thanks.whatsappText', { reference }));
  return html`<p><a class="button" href="${href}?text=${text}" rel="noopener">${ctx.t('consult.thanks.whatsapp')}</a></p>`;
}

export function thanksView(ctx: ViewContext, p: { reference: string; by: Date; timeZone: string; replyVia: 'phone' | 'whatsapp' | 'email' }): string {
  const path = localePath(ctx.lang, `/consultation/thanks/${p.reference}`);
  const title = ctx.t('consult.thanks.title');
  const main = html`<h1>${title}</h1>
<p class="summary">${ctx.t('consult.thanks.reference')} <strong class="reference" dir="ltr">${p.reference}</strong></p>
<h2>${ctx.t('consult.thanks.next')}</h2>
<p>${ctx.t(`consult.thanks.by.${p.replyVia}`, { when: formatWhen(ctx.lang, p.by, p.timeZone) })}</p>
<p>${ctx.t('consult.thanks.keep')}</p>
!${whatsappText(ctx, p.reference)}
!${emergencyNote(ctx)}
<p><a href="${localePath(ctx.lang, '/articles')}">${ctx.t('consult.thanks.back')}</a></p>`;
  // The same page exists in the other language: the switcher leads there rather than saying it does not.
  const alternates = [{ lang: 'en' as const, path: `/consultation/thanks/${p.reference}` }, { lang: 'ur' as const, path: `/ur/consultation/thanks/${p.reference}` }];
  return layout(ctx, { title, description: title, path, alternates, noindex: true, jsonLd: [] }, main);
}
