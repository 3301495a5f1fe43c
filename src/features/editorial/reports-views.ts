import type { ContentReport, ReportStatus } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { honeypot } from '#src/web/consult-parts.ts';
import type { ViewContext } from '#src/web/context.ts';
import { errorSummary, field, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { reportReasons } from './reports.ts';

export interface ReportForm {
  page: string;
  reason: string;
  details: string;
  email: string;
  /** When the form was shown (ms since the epoch): a post a moment later came from a script. */
  shown: string;
}

/** The short form behind "Report a problem with this page": what is wrong, where, and (if they wish) how to answer them. */
export function reportView(ctx: ViewContext, form: ReportForm, errors: FieldError[], refusal?: string): string {
  const path = localePath(ctx.lang, '/report-a-problem');
  const title = ctx.t('report.title');
  const reasonError = errors.find((e) => e.field === 'f-reason');
  const main = html`<h1>${title}</h1>
<p class="summary">${ctx.t('report.lead')}</p>
<p class="notice">${ctx.t('report.notMedical')} <a href="${localePath(ctx.lang, '/consultation')}">${ctx.t('report.consultLink')}</a></p>
!${refusal ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${refusal}</p></div>` : errorSummary(ctx.t('consult.errors.title'), errors)}
<form method="post" action="${path}" novalidate>
<input type="hidden" name="page" value="${form.page}"><input type="hidden" name="shown" value="${form.shown}">
!${form.page ? html`<p>${ctx.t('report.about')} <a href="${form.page}" dir="ltr">${form.page}</a></p>` : ''}
<fieldset id="f-reason"!${reasonError ? ' aria-describedby="f-reason-error"' : ''}><legend>${ctx.t('report.reason')}</legend>
!${reasonError ? html`<p class="field-error" id="f-reason-error">${reasonError.message}</p>` : ''}
!${reportReasons.map((r) => html`<div class="check"><input type="radio" id="f-reason-${r}" name="reason" value="${r}"!${form.reason === r ? ' checked' : ''}><label for="f-reason-${r}">${ctx.t(`report.reason.${r}`)}</label></div>`).join('')}
</fieldset>
!${textArea({ name: 'details', label: ctx.t('report.details'), hint: ctx.t('report.details.hint'), value: form.details, errors, rows: 5, maxlength: 2000 })}
!${field({ name: 'email', label: ctx.t('report.email'), hint: ctx.t('report.email.hint'), value: form.email, errors, type: 'email', autocomplete: 'email', dir: 'ltr' })}
!${honeypot('r')}
<div class="actions"><button type="submit" class="button">${ctx.t('report.send')}</button></div>
</form>`;
  return layout(ctx, { title: errors.length || refusal ? `${ctx.t('consult.errors.prefix')} ${title}` : title, description: ctx.t('report.lead'), path, alternates: [{ lang: 'en', path: '/report-a-problem' }, { lang: 'ur', path: '/ur/report-a-problem' }], noindex: true, jsonLd: [] }, main);
}

export function reportThanksView(ctx: ViewContext, page: string): string {
  const path = localePath(ctx.lang, '/report-a-problem/thanks');
  const title = ctx.t('report.thanks');
  const main = html`<h1>${title}</h1><p class="summary">${ctx.t('report.thanks.text')}</p>
!${page ? html`<p><a href="${page}">${ctx.t('report.back')}</a></p>` : ''}`;
  return layout(ctx, { title, description: title, path, alternates: [{ lang: 'en', path: '/report-a-problem/thanks' }, { lang: 'ur', path: '/ur/report-a-problem/thanks' }], noindex: true, jsonLd: [] }, main);
}

const statuses: readonly ReportStatus[] = ['open', 'resolved', 'spam'];

function reportItem(ctx: AdminViewContext, r: ContentReport): string {
  const resolve = r.status === 'open'
    ? html`<form method="post" action="${localePath(ctx.lang, `/admin/reports/${r.id}/resolve`)}">!${hiddenCsrf(ctx.csrf)}
<div class="field"><label for="f-resolution-${r.id}">${ctx.t('reports.resolution')}</label><input id="f-resolution-${r.id}" name="resolution" type="text" maxlength="1000" dir="auto"></div>
<div class="actions"><button type="submit">${ctx.t('reports.resolve')}</button></div></form>`
    : html`<p class="hint">${ctx.t('reports.resolvedAt', { at: `${(r.resolved_at ?? '').slice(0, 16).replace('T', ' ')} UTC` })} <bdi>${r.resolution ?? ''}</bdi></p>`;
  return html`<li class="report"><h2><a href="${r.page}" dir="ltr">${r.page}</a></h2>
<p><strong>${ctx.t(`report.reason.${r.reason}`)}</strong> · <time datetime="${r.created_at}">${r.created_at.slice(0, 16).replace('T', ' ')} UTC</time>!${r.email ? html` · <a href="mailto:${r.email}" dir="ltr">${r.email}</a>` : ''}</p>
<p class="message" dir="auto">${r.details}</p>
!${resolve}</li>`;
}

/** /admin/reports: what readers reported, newest first, until an editor resolves it. */
export function reportsAdminView(ctx: AdminViewContext, status: ReportStatus, reports: ContentReport[], resolved: boolean): string {
  const base = localePath(ctx.lang, '/admin/reports');
  const main = html`<h1>${ctx.t('reports.title')}</h1>
!${resolved ? notice(ctx.t('reports.done')) : ''}
<nav class="tabs" aria-label="${ctx.t('reports.title')}"><ul>!${statuses.map((s) => html`<li><a href="${base}?status=${s}"!${s === status ? ' aria-current="page"' : ''}>${ctx.t(`reports.status.${s}`)}</a></li>`).join('')}</ul></nav>
!${reports.length === 0 ? html`<p>${ctx.t('reports.none')}</p>` : html`<ol class="reports">!${reports.map((r) => reportItem(ctx, r)).join('')}</ol>`}`;
  return adminLayout(ctx, ctx.t('reports.title'), base, main);
}
