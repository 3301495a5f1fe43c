import type { StaffRole } from '#src/db/types.ts';
import { can } from '#src/permissions.ts';
import type { FailedEmail, OutboxStats, WaitingEmail } from '#src/jobs/outbox.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
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
!${o.editorial
    ? stats(ctx, [
        ['overview.published', o.editorial.published, '/admin/articles?status=published'],
        ['overview.reviewDue', o.editorial.reviewOverdue, '/admin/articles?overdue=yes'],
        ['overview.inReview', o.editorial.inReview, '/admin/articles?status=in_review'],
        ['overview.drafts', o.editorial.drafts, '/admin/articles?status=draft'],
        ['overview.translationsOutdated', o.editorial.translationsOutdated, '/admin/articles?lang=ur'],
        ...(can(roles, 'articles.edit') ? [['overview.reports', o.editorial.reports, '/admin/reports'] as [MessageKey, number, string]] : []),
      ])
    : ''}
!${o.consultations ? stats(ctx, [['overview.consultations.new', o.consultations.fresh, '/admin/consultations'], ['overview.consultations.urgent', o.consultations.urgent, '/admin/consultations'], ['overview.consultations.overdue', o.consultations.overdue, '/admin/consultations']]) + html`<p><a href="${localePath(ctx.lang, '/admin/consultations/report')}">${ctx.t('report.title')}</a></p>` : ''}`;
  return adminLayout(ctx, ctx.t('overview.title'), localePath(ctx.lang, '/admin'), main);
}

// dir="ltr": in an Urdu page the bidi algorithm would otherwise show "21:10 2026-11-29".
const utc = (iso: string) => html`<time dir="ltr" datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')}</time>`;

function emailTable(ctx: AdminViewContext, label: MessageKey, extraHead: string, rows: string[]): string {
  return html`<section class="table-wrap" tabindex="0" aria-label="${ctx.t(label)}"><table class="data"><thead><tr><th scope="col">#</th><th scope="col">${ctx.t('outbox.to')}</th><th scope="col">${ctx.t('outbox.created')}</th><th scope="col">${ctx.t('outbox.attempts')}</th><th scope="col">${ctx.t('outbox.error')}</th>!${extraHead}</tr></thead><tbody>!${rows.join('')}</tbody></table></section>`;
}

function emailCells(e: FailedEmail): string {
  return html`<td>${e.id}</td><td dir="ltr">${e.recipient ?? ''}</td><td>!${utc(e.created_at)}</td><td>${e.attempts}</td><td dir="ltr">${e.last_error ?? ''}</td>`;
}

/** Waiting messages come first: while mail is down they pile up there, with the error that holds them. */
function waitingSection(ctx: AdminViewContext, waiting: WaitingEmail[]): string {
  const rows = waiting.map((w) => html`<tr>!${emailCells(w)}<td>!${w.sending ? html`${ctx.t('outbox.sending')}` : utc(w.next_attempt_at)}</td></tr>`);
  const head = html`<th scope="col">${ctx.t('outbox.next')}</th>`;
  return html`<h2>${ctx.t('outbox.waitingList')}</h2>
!${waiting.length ? emailTable(ctx, 'outbox.waitingList', head, rows) : html`<p>${ctx.t('outbox.noneWaiting')}</p>`}`;
}

export function outboxView(ctx: AdminViewContext, s: OutboxStats, mode: string): string {
  const failedRows = s.failed.map((f) => html`<tr>!${emailCells(f)}</tr>`);
  const main = html`<h1>${ctx.t('outbox.title')}</h1>
<p>${ctx.t('outbox.mode', { mode })}</p>
!${s.retrying > 0 ? html`<p class="banner banner-warning" role="status">${ctx.t('outbox.retrying', { n: s.retrying })}</p>` : ''}
!${stats(ctx, [['outbox.pending', s.counts.pending], ['outbox.sent', s.counts.sent], ['outbox.failed', s.counts.failed]])}
!${waitingSection(ctx, s.waiting)}
<h2>${ctx.t('outbox.failedList')}</h2>
!${s.failed.length ? emailTable(ctx, 'outbox.failedList', '', failedRows) : html`<p>${ctx.t('outbox.none')}</p>`}
<p class="hint">${ctx.t('outbox.times')}</p>`;
  return adminLayout(ctx, ctx.t('outbox.title'), localePath(ctx.lang, '/admin/outbox'), main);
}
