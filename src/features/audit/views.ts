import type { AuditEntry } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { field } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import type { AuditFilter } from './service.ts';

export interface AuditPage {
  entries: AuditEntry[];
  filter: AuditFilter;
  page: number;
  more: boolean;
}

function filterQuery(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function auditView(ctx: AdminViewContext, a: AuditPage): string {
  const base = localePath(ctx.lang, '/admin/audit');
  const rows = a.entries
    .map(
      (e) => html`<tr><td><time datetime="${e.at}">${e.at.slice(0, 19).replace('T', ' ')}</time></td><td dir="ltr">${e.actor_email ?? ''}</td><td dir="ltr">${e.action}</td>
<td dir="ltr">${e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : ''}</td><td dir="ltr">${e.ip ?? ''}</td><td dir="ltr"><code>${e.details === '{}' ? '' : e.details.slice(0, 300)}</code></td></tr>`,
    )
    .join('');
  const main = html`<h1>${ctx.t('audit.title')}</h1>
<form method="get" action="${base}" class="filters" role="search" aria-label="${ctx.t('audit.filter')}">
!${field({ name: 'action', label: ctx.t('audit.action'), value: a.filter.action ?? '', dir: 'ltr' })}
!${field({ name: 'actor', label: ctx.t('audit.actor'), value: a.filter.actor ?? '', dir: 'ltr' })}
!${field({ name: 'from', label: ctx.t('audit.from'), type: 'date', value: a.filter.from ?? '' })}
!${field({ name: 'to', label: ctx.t('audit.to'), type: 'date', value: a.filter.to ?? '' })}
<div class="actions"><button type="submit">${ctx.t('audit.apply')}</button></div>
</form>
<p><a href="${localePath(ctx.lang, '/admin/audit.csv')}${filterQuery(a.filter)}" download>${ctx.t('audit.csv')}</a></p>
!${a.entries.length
    ? html`<section class="table-wrap" tabindex="0" aria-label="${ctx.t('audit.title')}"><table class="data"><thead><tr><th scope="col">${ctx.t('audit.at')}</th><th scope="col">${ctx.t('audit.who')}</th><th scope="col">${ctx.t('audit.what')}</th><th scope="col">${ctx.t('audit.target')}</th><th scope="col">${ctx.t('audit.ip')}</th><th scope="col">${ctx.t('audit.details')}</th></tr></thead><tbody>!${rows}</tbody></table></section>`
    : html`<p>${ctx.t('audit.none')}</p>`}
<nav class="pager" aria-label="${ctx.t('pagination')}">
!${a.page > 1 ? html`<a href="${base}${filterQuery(a.filter, a.page - 1)}">${ctx.t('audit.newer')}</a>` : ''}
!${a.more ? html`<a href="${base}${filterQuery(a.filter, a.page + 1)}">${ctx.t('audit.older')}</a>` : ''}
</nav>`;
  return adminLayout(ctx, ctx.t('audit.title'), base, main);
}
