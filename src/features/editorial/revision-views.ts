import type { Lang } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { hiddenCsrf } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import type { FieldChange } from './diff.ts';
import type { RevisionListItem } from './service.ts';

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function revisionRow(ctx: AdminViewContext, r: RevisionListItem, base: string, head: number, canEdit: boolean): string {
  const restore = canEdit && r.number !== head
    ? html`<form method="post" action="${base}/revisions/${r.number}/restore">!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="revision" value="${head}"><button type="submit" class="link-button">${ctx.t('editorial.restore')}</button></form>`
    : '';
  return html`<tr><td>${r.number}</td><td><time datetime="${r.created_at}">${when(r.created_at)}</time></td><td dir="auto">${r.created_by_name ?? ctx.t('editorial.byImport')}</td><td>${ctx.t(`editorial.origin.${r.origin}`)}</td><td dir="auto">${r.approval_reason ?? ''}</td>
<td><a href="${base}/compare?from=${r.number}&to=${head}">${ctx.t('editorial.compareWithNewest')}</a></td><td>!${restore}</td></tr>`;
}

/** Every revision of an article, newest first; any two can be compared and an old one restored. */
export function revisionsView(ctx: AdminViewContext, a: { slug: string; lang: Lang; title: string }, list: RevisionListItem[], canEdit: boolean): string {
  const base = localePath(ctx.lang, `/admin/articles/${a.lang}/${a.slug}`);
  const head = list[0]?.number ?? 0;
  const numbers = list.map((r) => r.number);
  const pick = (name: string, label: string, chosen: number) =>
    html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">!${numbers.map((n) => html`<option value="${n}"!${n === chosen ? ' selected' : ''}>${n}</option>`).join('')}</select></div>`;
  const main = html`<p><a href="${base}">${ctx.t('editorial.backToEditor')}</a></p>
<h1>${ctx.t('editorial.revisionsOf', { title: a.title || a.slug })}</h1>
<form method="get" action="${base}/compare" class="filters">!${pick('from', ctx.t('editorial.compareFrom'), numbers[1] ?? head)}!${pick('to', ctx.t('editorial.compareTo'), head)}<div class="actions"><button type="submit">${ctx.t('editorial.compare')}</button></div></form>
<section class="table-wrap" tabindex="0" aria-label="${ctx.t('editorial.revisions')}"><table class="data"><thead><tr><th scope="col">${ctx.t('editorial.revisionNumber')}</th><th scope="col">${ctx.t('editorial.savedAt')}</th><th scope="col">${ctx.t('editorial.savedBy')}</th><th scope="col">${ctx.t('editorial.origin')}</th><th scope="col">${ctx.t('editorial.reason')}</th><th scope="col">${ctx.t('editorial.compare')}</th><th scope="col">${ctx.t('editorial.restore')}</th></tr></thead>
<tbody>!${list.map((r) => revisionRow(ctx, r, base, head, canEdit)).join('')}</tbody></table></section>`;
  return adminLayout(ctx, ctx.t('editorial.revisions'), localePath(ctx.lang, '/admin/articles'), main);
}

function changeHtml(ctx: AdminViewContext, c: FieldChange): string {
  return html`<section class="diff-field"><h2>${ctx.t(`editorial.field.${c.field}`)}</h2>
<div class="diff" dir="auto">!${c.parts.map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : html`<span>${p.value}</span>`)).join('')}</div></section>`;
}

/** Two revisions side by side as one text: what was removed struck through, what was added underlined. */
export function compareView(ctx: AdminViewContext, a: { slug: string; lang: Lang; title: string }, from: number, to: number, changes: FieldChange[]): string {
  const base = localePath(ctx.lang, `/admin/articles/${a.lang}/${a.slug}`);
  const main = html`<p><a href="${base}/revisions">${ctx.t('editorial.revisions')}</a></p>
<h1>${ctx.t('editorial.compareTitle', { from, to })}</h1>
<p class="hint">${ctx.t('editorial.diffLegend')}</p>
!${changes.length === 0 ? html`<p>${ctx.t('editorial.noChanges')}</p>` : changes.map((c) => changeHtml(ctx, c)).join('')}`;
  return adminLayout(ctx, ctx.t('editorial.compareTitle', { from, to }), localePath(ctx.lang, '/admin/articles'), main);
}
