import type { Lang, WorkflowStatus } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { formatDate, localePath } from '#src/web/i18n/index.ts';
import type { ListFilter, WorkflowListItem } from './service.ts';

export const workflowStatuses: readonly WorkflowStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published'];

export function statusBadge(ctx: AdminViewContext, status: WorkflowStatus): string {
  return html`<span class="badge badge-${status}">${ctx.t(`editorial.status.${status}`)}</span>`;
}

function option(value: string, label: string, selected: boolean): string {
  return html`<option value="${value}"!${selected ? ' selected' : ''}>${label}</option>`;
}

function filters(ctx: AdminViewContext, f: ListFilter, overdueOnly: boolean): string {
  return html`<form method="get" action="${localePath(ctx.lang, '/admin/articles')}" class="filters" role="search" aria-label="${ctx.t('editorial.filter')}">
<div class="field"><label for="f-status">${ctx.t('editorial.status')}</label><select id="f-status" name="status">!${option('', ctx.t('editorial.any'), !f.status)}!${workflowStatuses.map((s) => option(s, ctx.t(`editorial.status.${s}`), f.status === s)).join('')}</select></div>
<div class="field"><label for="f-lang">${ctx.t('editorial.language')}</label><select id="f-lang" name="lang">!${option('', ctx.t('editorial.any'), !f.lang)}!${(['en', 'ur'] as Lang[]).map((l) => option(l, ctx.t(`editorial.lang.${l}`), f.lang === l)).join('')}</select></div>
<div class="check"><input type="checkbox" id="f-overdue" name="overdue" value="yes"!${overdueOnly ? ' checked' : ''}><label for="f-overdue">${ctx.t('editorial.overdueOnly')}</label></div>
<div class="actions"><button type="submit">${ctx.t('audit.apply')}</button></div>
</form>`;
}

function row(ctx: AdminViewContext, a: WorkflowListItem, today: string): string {
  const overdue = a.next_review_at !== null && a.next_review_at < today;
  const href = localePath(ctx.lang, `/admin/articles/${a.lang}/${a.slug}`);
  return html`<tr!${overdue ? ' class="overdue"' : ''}>
<td><a href="${href}" dir="auto">${a.title || a.slug}</a>!${a.online ? '' : html` <span class="hint">${ctx.t('editorial.notOnline')}</span>`}</td>
<td>${ctx.t(`editorial.lang.${a.lang}`)}</td>
<td>!${statusBadge(ctx, a.status)}!${a.sourceNewer ? html` <strong class="badge badge-overdue">${ctx.t('editorial.translationOutdated')}</strong>` : ''}</td>
<td dir="auto">${a.author_name ?? ''}</td>
<td dir="auto">${a.reviewer_name ?? ''}</td>
<td>!${a.reviewed_at ? html`<time datetime="${a.reviewed_at}">${formatDate(ctx.lang, a.reviewed_at)}</time>` : ''}</td>
<td>!${a.next_review_at ? html`<time datetime="${a.next_review_at}">${formatDate(ctx.lang, a.next_review_at)}</time>!${overdue ? html` <strong class="badge badge-overdue">${ctx.t('editorial.overdue')}</strong>` : ''}` : ''}</td>
</tr>`;
}

/** /admin/articles: every article with its workflow state and review dates; overdue reviews stand out. */
export function articleListView(ctx: AdminViewContext, items: WorkflowListItem[], f: ListFilter, overdueOnly: boolean, today: string, canWrite: boolean): string {
  const overdue = items.filter((a) => a.next_review_at !== null && a.next_review_at < today).length;
  const outdated = items.filter((a) => a.sourceNewer).length;
  const main = html`<h1>${ctx.t('editorial.title')}</h1>
!${canWrite ? html`<p><a class="button" href="${localePath(ctx.lang, '/admin/articles/new')}">${ctx.t('editorial.new')}</a></p>` : ''}
<p><a href="${localePath(ctx.lang, '/admin/articles/checks')}">${ctx.t('clinicChecks.title')}</a></p>
!${filters(ctx, f, overdueOnly)}
!${overdue > 0 ? html`<p class="banner banner-warning" role="status">${ctx.t('editorial.overdueCount', { n: overdue })}</p>` : ''}
!${outdated > 0 ? html`<p class="banner banner-warning" role="status">${ctx.t('editorial.outdatedCount', { n: outdated })}</p>` : ''}
!${items.length === 0
    ? html`<p>${ctx.t('editorial.none')}</p>`
    : html`<section class="table-wrap" tabindex="0" aria-label="${ctx.t('editorial.title')}"><table class="data articles"><thead><tr><th scope="col">${ctx.t('editorial.articleTitle')}</th><th scope="col">${ctx.t('editorial.language')}</th><th scope="col">${ctx.t('editorial.status')}</th><th scope="col">${ctx.t('editorial.author')}</th><th scope="col">${ctx.t('editorial.reviewer')}</th><th scope="col">${ctx.t('editorial.lastReviewed')}</th><th scope="col">${ctx.t('editorial.nextReview')}</th></tr></thead>
<tbody>!${items.map((a) => row(ctx, a, today)).join('')}</tbody></table></section>`}`;
  return adminLayout(ctx, ctx.t('editorial.title'), localePath(ctx.lang, '/admin/articles'), main);
}

export interface NewArticleForm {
  slug: string;
  lang: string;
  title: string;
}

/** /admin/articles/new: the address and language are chosen once; the rest is written in the editor. */
export function newArticleView(ctx: AdminViewContext, form: NewArticleForm, errors: FieldError[]): string {
  const main = html`<p><a href="${localePath(ctx.lang, '/admin/articles')}">${ctx.t('editorial.title')}</a></p>
<h1>${ctx.t('editorial.new')}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<form method="post" action="${localePath(ctx.lang, '/admin/articles/new')}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'title', label: ctx.t('editorial.articleTitle'), value: form.title, errors, dir: 'auto' })}
!${field({ name: 'slug', label: ctx.t('editorial.slug'), hint: ctx.t('editorial.slug.hint'), value: form.slug, errors, dir: 'ltr' })}
<div class="field"><label for="f-lang">${ctx.t('editorial.language')}</label><select id="f-lang" name="lang">!${(['en', 'ur'] as Lang[]).map((l) => option(l, ctx.t(`editorial.lang.${l}`), form.lang === l)).join('')}</select></div>
<div class="actions"><button type="submit">${ctx.t('editorial.create')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('editorial.new'), localePath(ctx.lang, '/admin/articles'), main);
}
