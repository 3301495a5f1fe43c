import type { StaffRole } from '#src/db/types.ts';
import { can } from '#src/features/staff/permissions.ts';
import type { OutboxStats } from '#src/jobs/outbox.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { notice } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath, type MessageKey } from '#src/web/i18n/index.ts';
import type { Overview } from './service.ts';

function stats(ctx: AdminViewContext, items: [MessageKey, number, string?][]): string {
  return html`<ul class="stats">!${items
    .map(([key, n, href]) => html`<li><span class="n">${n}</span> !${href ? html`<a href="${localePath(ctx.lang, href)}">${ctx.t(key)}</a>` : html`${ctx.t(key)}`}</li>`)
    .join('')}</ul>`;
}

export function overviewView(ctx: AdminViewContext, o: Overview, roles: StaffRole[], mustEnrol: boolean): string {
  const main = html`<h1>${ctx.t('overview.title')}</h1>
<p>${ctx.t('overview.welcome', { name: ctx.staff?.name ?? '' })}</p>
!${mustEnrol ? html`<p class="banner banner-warning">${ctx.t('overview.enrol')} <a href="${localePath(ctx.lang, '/admin/account/2fa')}">${ctx.t('overview.enrolLink')}</a></p>` : ''}
!${o.admin
    ? stats(ctx, [
        ['overview.users', o.admin.users, '/admin/users'],
        ['overview.invited', o.admin.invited, '/admin/users'],
        ['overview.signInFailures', o.admin.signInFailures, '/admin/audit?action=sign-in.failure'],
        ['overview.outboxFailed', o.admin.outboxFailed, '/admin/outbox'],
        ['overview.outboxPending', o.admin.outboxPending, '/admin/outbox'],
      ])
    : ''}
!${o.editorial ? stats(ctx, [['overview.published', o.editorial.published, '/articles'], ['overview.reviewDue', o.editorial.reviewOverdue]]) : ''}
!${can(roles, 'consultations.handle') ? notice(ctx.t('overview.consultations')) : ''}`;
  return adminLayout(ctx, ctx.t('overview.title'), localePath(ctx.lang, '/admin'), main);
}

export function outboxView(ctx: AdminViewContext, s: OutboxStats, mode: string): string {
  const rows = s.failed
    .map((f) => html`<tr><td>${f.id}</td><td dir="ltr">${f.recipient ?? ''}</td><td><time datetime="${f.created_at}">${f.created_at.slice(0, 16).replace('T', ' ')}</time></td><td>${f.attempts}</td><td>${f.last_error ?? ''}</td></tr>`)
    .join('');
  const main = html`<h1>${ctx.t('outbox.title')}</h1>
<p>${ctx.t('outbox.mode', { mode })}</p>
!${stats(ctx, [['outbox.pending', s.counts.pending], ['outbox.sent', s.counts.sent], ['outbox.failed', s.counts.failed]])}
<h2>${ctx.t('outbox.failedList')}</h2>
!${s.failed.length
    ? html`<section class="table-wrap" tabindex="0" aria-label="${ctx.t('outbox.failedList')}"><table class="data"><thead><tr><th scope="col">#</th><th scope="col">${ctx.t('outbox.to')}</th><th scope="col">${ctx.t('outbox.created')}</th><th scope="col">${ctx.t('outbox.attempts')}</th><th scope="col">${ctx.t('outbox.error')}</th></tr></thead><tbody>!${rows}</tbody></table></section>`
    : html`<p>${ctx.t('outbox.none')}</p>`}`;
  return adminLayout(ctx, ctx.t('outbox.title'), localePath(ctx.lang, '/admin/outbox'), main);
}
