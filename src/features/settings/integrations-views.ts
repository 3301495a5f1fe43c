import type { IntegrationSettings } from '#src/jobs/integrations.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';

/** The integrations as the form shows them: strings and ticks, the secret never shown back. */
export interface IntegrationsForm {
  webhook: { enabled: boolean; url: string; includeContact: boolean; secretSet: boolean };
  sms: GatewayForm;
  whatsapp: GatewayForm;
}
export interface GatewayForm {
  enabled: boolean;
  url: string;
  method: string;
  headers: string;
  bodyFormat: string;
  bodyTemplate: string;
}

export function integrationsFormOf(s: IntegrationSettings): IntegrationsForm {
  return { webhook: { enabled: s.webhook.enabled, url: s.webhook.url, includeContact: s.webhook.includeContact, secretSet: s.webhook.secret !== '' }, sms: { ...s.sms }, whatsapp: { ...s.whatsapp } };
}

function tick(id: string, name: string, label: string, checked: boolean): string {
  return html`<div class="check"><input type="checkbox" id="${id}" name="${name}" value="yes"!${checked ? ' checked' : ''}><label for="${id}">${label}</label></div>`;
}

function choice(id: string, name: string, label: string, value: string, options: string[]): string {
  return html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}">!${options.map((o) => html`<option value="${o}"!${o === value ? ' selected' : ''}>${o}</option>`).join('')}</select></div>`;
}

function gateway(ctx: AdminViewContext, channel: 'sms' | 'whatsapp', g: GatewayForm, errors: FieldError[]): string {
  return html`<fieldset><legend>${ctx.t(`integrations.${channel}`)}</legend>
!${tick(`f-${channel}-enabled`, `${channel}-enabled`, ctx.t('integrations.enabled'), g.enabled)}
!${field({ name: `${channel}-url`, label: ctx.t('integrations.url'), value: g.url, errors, dir: 'ltr', type: 'url' })}
!${choice(`f-${channel}-method`, `${channel}-method`, ctx.t('integrations.method'), g.method, ['POST', 'GET'])}
!${textArea({ name: `${channel}-headers`, label: ctx.t('integrations.headers'), hint: ctx.t('integrations.headers.hint'), value: g.headers, errors, rows: 3, dir: 'ltr' })}
!${choice(`f-${channel}-bodyFormat`, `${channel}-bodyFormat`, ctx.t('integrations.bodyFormat'), g.bodyFormat, ['json', 'form', 'query'])}
!${textArea({ name: `${channel}-bodyTemplate`, label: ctx.t('integrations.bodyTemplate'), hint: ctx.t('integrations.bodyTemplate.hint'), value: g.bodyTemplate, errors, rows: 3, dir: 'ltr' })}
</fieldset>`;
}

export function integrationsView(ctx: AdminViewContext, form: IntegrationsForm, errors: FieldError[], saved: boolean): string {
  const action = localePath(ctx.lang, '/admin/settings/integrations');
  const w = form.webhook;
  const main = html`<p><a href="${localePath(ctx.lang, '/admin/settings')}">${ctx.t('settings.title')}</a></p>
<h1>${ctx.t('integrations.title')}</h1>
!${saved ? notice(ctx.t('admin.saved')) : ''}
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<form method="post" action="${action}" novalidate>
!${hiddenCsrf(ctx.csrf)}
<fieldset><legend>${ctx.t('integrations.webhook')}</legend>
<p class="hint">${ctx.t('integrations.webhook.hint')}</p>
!${tick('f-webhook-enabled', 'webhook-enabled', ctx.t('integrations.enabled'), w.enabled)}
!${field({ name: 'webhook-url', label: ctx.t('integrations.url'), value: w.url, errors, dir: 'ltr', type: 'url' })}
!${field({ name: 'webhook-secret', label: ctx.t('integrations.secret'), hint: ctx.t(w.secretSet ? 'integrations.secret.kept' : 'integrations.secret.hint'), value: '', errors, dir: 'ltr', type: 'password', autocomplete: 'new-password' })}
!${tick('f-webhook-generate', 'webhook-generate', ctx.t('integrations.secret.generate'), false)}
!${tick('f-webhook-includeContact', 'webhook-includeContact', ctx.t('integrations.includeContact'), w.includeContact)}
</fieldset>
!${gateway(ctx, 'sms', form.sms, errors)}
!${gateway(ctx, 'whatsapp', form.whatsapp, errors)}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('integrations.title'), localePath(ctx.lang, '/admin/settings'), main);
}
