import type { ViewContext } from './context.ts';
import { pick } from './clinic.ts';
import type { FieldError } from './forms.ts';
import { html } from './html.ts';
import { localePath } from './i18n/index.ts';

/**
 * The parts of the consultation form that other pages show too: the short form at the end of
 * articles and topics, the response target and the emergency note. Here, in web/, because every
 * feature's views may use web/ but not another feature's views.
 */

export const MESSAGE_MAX = 2000;

/** "within 24 hours", "within 2 days": the clinic's response target as patients read it. */
export function targetText(ctx: ViewContext): string {
  const hours = ctx.responseTargetHours;
  if (hours % 24 === 0 && hours > 24) return ctx.t('consult.target.days', { n: hours / 24 });
  return ctx.t(hours === 1 ? 'consult.target.hour' : 'consult.target.hours', { n: hours });
}

export function emergencyNote(ctx: ViewContext): string {
  return html`<div class="notice emergency" role="note"><p><strong>${ctx.t('consult.emergency.title')}</strong> ${ctx.t('consult.emergency.text', { numbers: pick(ctx.clinic.emergency, ctx.lang) })}</p></div>`;
}

export function consentBox(ctx: ViewContext, checked: boolean, errors: FieldError[], idPrefix = 'f'): string {
  const id = `${idPrefix}-consent`;
  const error = errors.find((e) => e.field === id);
  return html`<div class="field check consent!${error ? ' has-error' : ''}">
!${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<input type="checkbox" id="${id}" name="consent" value="yes"!${checked ? ' checked' : ''}!${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
<label for="${id}">${ctx.t('consult.field.consent')} <a href="${localePath(ctx.lang, '/privacy')}">${ctx.t('consult.field.consent.link')}</a></label>
</div>`;
}

/** Bots fill in every field; people never see this one (hidden by the stylesheet, and from screen readers). */
export function honeypot(idPrefix = 'f'): string {
  return html`<div class="hp" aria-hidden="true"><label for="${idPrefix}-website">Website</label><input id="${idPrefix}-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>`;
}

export function hiddenFields(form: { source: string; referrer: string }): string {
  return html`<input type="hidden" name="source" value="${form.source}"><input type="hidden" name="referrer" value="${form.referrer}"><input type="hidden" name="fill" value="">`;
}

/** The short form at the end of articles and topics: leads to the full form with what was typed. No per-reader token, so the page stays cacheable. */
export function shortForm(ctx: ViewContext, sourcePath: string): string {
  const field_ = (name: string, label: string, extra: string) => html`<div class="field"><label for="cs-${name}">${label}</label>!${extra}</div>`;
  return html`<aside class="cta" aria-labelledby="cs-cta">
<h2 id="cs-cta">${ctx.t('cta.consult')}</h2>
<p>${ctx.t('cta.consult.lead', { target: targetText(ctx) })}</p>
<p class="meta">${ctx.t('consult.emergency.text', { numbers: pick(ctx.clinic.emergency, ctx.lang) })}</p>
<form method="post" action="${localePath(ctx.lang, '/consultation')}" class="short-form" data-consult>
<input type="hidden" name="step" value="short">
!${field_('name', ctx.t('consult.field.name'), html`<input id="cs-name" name="name" type="text" autocomplete="name" dir="auto">`)}
!${field_('phone', ctx.t('consult.field.phone'), html`<input id="cs-phone" name="phone" type="tel" autocomplete="tel" dir="ltr">`)}
!${field_('message', ctx.t('consult.field.message'), html`<textarea id="cs-message" name="message" rows="3" maxlength="${MESSAGE_MAX}" dir="auto"></textarea>`)}
!${consentBox(ctx, false, [], 'cs')}
!${hiddenFields({ source: sourcePath, referrer: '' })}
<div class="actions"><button type="submit" class="button">${ctx.t('cta.consult.continue')}</button></div>
</form>
</aside>`;
}

