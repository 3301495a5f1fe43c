import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { formatDate, localePath, type MessageKey } from '#src/web/i18n/index.ts';
import { phoneText } from '#src/web/phone.ts';
import type { FoundBy, Held, HeldEvent, HeldRequest } from './data-rights.ts';
import type { HeldMessage } from './held-messages.ts';

/** The admin's data-rights page (find, copy, erase) and the readable copy given to the person. */

type Conditions = { slug: string; title: string }[];

const eventKeys: Record<string, MessageKey> = {
  received: 'inbox.event.received', 'received-as-spam': 'inbox.event.receivedAsSpam', booked: 'inbox.event.booked', rebooked: 'inbox.event.rebooked',
  'booking-cancelled': 'inbox.event.bookingCancelled', attended: 'booking.status.attended', no_show: 'booking.status.no_show', assign: 'inbox.event.assign', note: 'inbox.event.note',
  contact: 'inbox.event.contact', responded: 'inbox.event.responded', close: 'inbox.event.close', reopen: 'inbox.event.reopen',
  erased: 'inbox.event.erased', anonymised: 'inbox.event.anonymised',
};
const statusKeys = new Set(['new', 'in_progress', 'booked', 'closed', 'spam']);
const outcomeKeys: Record<string, MessageKey> = {
  'not-suitable': 'inbox.close.not-suitable', 'no-answer': 'inbox.close.no-answer', duplicate: 'inbox.close.duplicate', spam: 'inbox.close.spam',
  reached: 'inbox.contact.reached', 'left-message': 'inbox.contact.left-message', 'wrong-number': 'inbox.contact.wrong-number',
};

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');
const shown = (by: FoundBy) => (by.kind === 'phone' ? phoneText(by.value) : by.value);
const searchHref = (ctx: AdminViewContext, q: string) => `${localePath(ctx.lang, '/admin/data-rights')}?${new URLSearchParams({ q }).toString()}`;

function conditionName(ctx: AdminViewContext, conditions: Conditions, slug: string): string {
  return slug === 'other' ? ctx.t('consult.condition.other') : (conditions.find((c) => c.slug === slug)?.title ?? slug);
}

/** What happened, in words: the outcome or channel codes, and a note as written. */
function eventText(ctx: AdminViewContext, e: HeldEvent): string {
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(e.details) as Record<string, unknown>;
  } catch {
    // Shown without details.
  }
  const parts: string[] = [];
  if (typeof d.starts_at === 'string') parts.push(utc(d.starts_at));
  if (typeof d.outcome === 'string') parts.push(outcomeKeys[d.outcome] ? ctx.t(outcomeKeys[d.outcome] as MessageKey) : d.outcome);
  if (d.channel === 'phone' || d.channel === 'whatsapp' || d.channel === 'email') parts.push(ctx.t(`consult.reply.${d.channel}`));
  if (typeof d.note === 'string' && d.note) parts.push(d.note);
  return parts.join(' — ');
}

function requestSection(ctx: AdminViewContext, r: HeldRequest, o: { conditions: Conditions; staffNames: boolean }): string {
  const item = (key: MessageKey, value: string, dir: 'ltr' | 'auto' = 'auto') => (value ? html`<dt>${ctx.t(key)}</dt><dd dir="${dir}">${value}</dd>` : '');
  const status = statusKeys.has(r.status) ? ctx.t(`inbox.status.${r.status}`) : r.status;
  const outcome = r.outcome ? (outcomeKeys[r.outcome] ? ctx.t(outcomeKeys[r.outcome] as MessageKey) : r.outcome) : '';
  return html`<section class="held-request" aria-labelledby="r-${r.reference}">
<h3 id="r-${r.reference}" dir="ltr">${r.reference}</h3>
<dl class="details">
!${item('inbox.received', utc(r.created_at), 'ltr')}
!${item('dataRights.status', [status, outcome].filter(Boolean).join(' · '))}
!${item('inbox.name', r.full_name)}
!${item('inbox.phone', phoneText(r.phone), 'ltr')}
!${item('inbox.email', r.email ?? '', 'ltr')}
!${item('inbox.replyVia', ctx.t(`consult.reply.${r.reply_via}`))}
!${item('inbox.preferredTime', `${ctx.t(`consult.time.${r.preferred_time as 'any'}`)} (${r.time_zone})`)}
!${item('inbox.place', [r.city, r.country].filter(Boolean).join(', '))}
!${item('inbox.condition', conditionName(ctx, o.conditions, r.condition))}
<dt>${ctx.t('inbox.message')}</dt><dd dir="auto" class="message">${r.message}</dd>
!${item('inbox.consent', `${utc(r.consent_at)} · ${r.privacy_version}`, 'ltr')}
!${item('inbox.source', [r.source_path, r.referrer].filter(Boolean).join(' · '), 'ltr')}
</dl>
<h4>${ctx.t('inbox.timeline')}</h4>
<ol class="timeline">!${r.events
    .map((e) => html`<li><time datetime="${e.at}">${utc(e.at)}</time> <strong>${ctx.t(eventKeys[e.kind] ?? 'inbox.event.other')}</strong>${o.staffNames && e.actor_name ? ` (${e.actor_name})` : ''} <span dir="auto">${eventText(ctx, e)}</span></li>`)
    .join('')}</ol>
</section>`;
}

const channelKeys: Record<HeldMessage['channel'], MessageKey | null> = { email: null, sms: 'dataRights.message.sms', whatsapp: 'dataRights.message.whatsapp', webhook: 'dataRights.message.webhook' };

function messageItem(ctx: AdminViewContext, m: HeldMessage): string {
  const key = channelKeys[m.channel];
  const heading = m.subject ?? (key ? ctx.t(key) : m.channel);
  return html`<li><p><strong dir="auto">${heading}</strong><br>${ctx.t(`dataRights.message.${m.status}`)} · <time datetime="${m.sent_at ?? m.created_at}">${utc(m.sent_at ?? m.created_at)}</time>!${m.to ? html` · <span dir="ltr">${m.to}</span>` : ''}</p>
!${paragraphs(m.text)}</li>`;
}

/** A message's text as written: paragraphs at blank lines, line breaks kept (every part escaped). */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim())
    .map((p) => html`<p dir="auto">!${p.split('\n').map((line) => html`${line}`).join('<br>')}</p>`)
    .join('');
}

/** Everything held, as the admin sees it and as the person's copy shows it (there without staff names). */
function heldSections(ctx: AdminViewContext, held: Held, o: { conditions: Conditions; staffNames: boolean }): string {
  return html`<section aria-labelledby="held-requests"><h2 id="held-requests">${ctx.t('dataRights.requests', { n: held.requests.length })}</h2>
!${held.requests.map((r) => requestSection(ctx, r, o)).join('')}</section>
<section aria-labelledby="held-messages"><h2 id="held-messages">${ctx.t('dataRights.messages', { n: held.messages.length })}</h2>
!${held.messages.length ? html`<ul class="held-messages">!${held.messages.map((m) => messageItem(ctx, m)).join('')}</ul>` : ''}</section>`;
}

function eraseForm(ctx: AdminViewContext, q: string, held: Held, errors: FieldError[]): string {
  const error = errors.find((e) => e.field === 'f-confirm');
  return html`<section aria-labelledby="erase"><h2 id="erase">${ctx.t('dataRights.erase')}</h2>
<p>${ctx.t('dataRights.erase.explain')}</p>
<form method="post" action="${localePath(ctx.lang, '/admin/data-rights/erase')}">
!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="q" value="${q}"><input type="hidden" name="seen" value="${held.fingerprint}">
<div class="field check!${error ? ' has-error' : ''}">
!${error ? html`<p class="field-error" id="f-confirm-error">${error.message}</p>` : ''}
<input type="checkbox" id="f-confirm" name="confirm" value="yes"!${error ? ' aria-invalid="true" aria-describedby="f-confirm-error"' : ''}>
<label for="f-confirm">${ctx.t('dataRights.erase.confirm', { requests: held.requests.length, messages: held.messages.length })}</label>
</div>
<div class="actions"><button type="submit">${ctx.t('dataRights.erase.button')}</button></div>
</form></section>`;
}

function results(ctx: AdminViewContext, q: string, held: Held, o: { conditions: Conditions; errors: FieldError[] }): string {
  const heading = html`<h2>${ctx.t(held.by.kind === 'phone' ? 'dataRights.foundBy.phone' : 'dataRights.foundBy.email', { value: shown(held.by) })}</h2>`;
  if (held.requests.length === 0 && held.messages.length === 0) return html`!${heading}<p>${ctx.t('dataRights.none')}</p>`;
  const params = new URLSearchParams({ q }).toString();
  return html`!${heading}
!${held.otherContacts.length
    ? html`<p>${ctx.t('dataRights.others')}</p><ul>!${held.otherContacts.map((c) => html`<li><a href="${searchHref(ctx, c)}" dir="ltr">${c.startsWith('+') ? phoneText(c) : c}</a></li>`).join('')}</ul>`
    : ''}
<h2>${ctx.t('dataRights.export')}</h2>
<ul><li><a href="${localePath(ctx.lang, '/admin/data-rights/export')}?${params}">${ctx.t('dataRights.export.page')}</a></li>
<li><a href="${localePath(ctx.lang, '/admin/data-rights/export.json')}?${params}" download>${ctx.t('dataRights.export.json')}</a></li></ul>
!${heldSections(ctx, held, { conditions: o.conditions, staffNames: true })}
!${eraseForm(ctx, q, held, o.errors)}`;
}

export interface DataRightsPage {
  q: string;
  errors: FieldError[];
  held?: Held;
  /** After an erasure: what was erased, or that nothing was held. */
  erased?: { requests: number; messages: number };
  conditions: Conditions;
}

export function dataRightsView(ctx: AdminViewContext, p: DataRightsPage): string {
  const base = localePath(ctx.lang, '/admin/data-rights');
  const done = p.erased && (p.erased.requests + p.erased.messages > 0 ? ctx.t('dataRights.erased', p.erased) : ctx.t('dataRights.erased.nothing'));
  const main = html`<h1>${ctx.t('dataRights.title')}</h1>
!${done ? notice(done) : ''}
!${errorSummary(ctx.t('admin.errors.title'), p.errors)}
<p>${ctx.t('dataRights.intro')}</p>
<form method="get" action="${base}" role="search" aria-label="${ctx.t('dataRights.title')}">
!${field({ name: 'q', label: ctx.t('dataRights.q'), hint: ctx.t('dataRights.q.hint'), value: p.q, errors: p.errors, dir: 'ltr', autocomplete: 'off' })}
<div class="actions"><button type="submit">${ctx.t('dataRights.find')}</button></div>
</form>
!${p.held ? results(ctx, p.q, p.held, { conditions: p.conditions, errors: p.errors }) : ''}`;
  return adminLayout(ctx, ctx.t('dataRights.title'), base, main);
}

/** The copy for the person, to print or save as PDF: what is held, with no forms and no staff names. */
export function dataRightsExportView(ctx: AdminViewContext, held: Held, o: { conditions: Conditions; preparedAt: Date }): string {
  const title = ctx.t('dataRights.export.title', { value: shown(held.by) });
  const main = html`<h1 dir="auto">${title}</h1>
<p>${ctx.t('dataRights.export.prepared', { clinic: ctx.clinicName, date: formatDate(ctx.lang, o.preparedAt.toISOString()) })}</p>
!${held.requests.length === 0 && held.messages.length === 0 ? html`<p>${ctx.t('dataRights.none')}</p>` : heldSections(ctx, held, { conditions: o.conditions, staffNames: false })}`;
  return adminLayout(ctx, title, localePath(ctx.lang, '/admin/data-rights'), main);
}
