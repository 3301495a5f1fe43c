import type { ConsultationStatus, Lang } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import type { MessageKey } from '#src/web/i18n/index.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { phoneText, telHref, whatsappHref } from '#src/web/phone.ts';
import type { InboxFilter } from './inbox-queries.ts';
import type { RequestPage } from './inbox.ts';
import type { ConsultationRow } from './queries.ts';
import { closeOutcomes, contactOutcomes, deadline, replyChannels, type Deadline } from './rules.ts';
import { formatWhen } from './when.ts';
import { attendanceOutcomes, bookingModes } from './booking-rules.ts';

const statuses: ConsultationStatus[] = ['new', 'in_progress', 'booked', 'closed', 'spam'];

function duration(ctx: AdminViewContext, minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return ctx.t('inbox.minutes', { n: m });
  if (m < 48 * 60) return ctx.t('inbox.hours', { h: Math.floor(m / 60), m: m % 60 });
  return ctx.t('inbox.days', { n: Math.round(m / 1440) });
}

/** The time left in words and in colour (the colour is never the only sign: the words say it). */
function deadlineText(ctx: AdminViewContext, d: Deadline): string {
  const key: Record<Deadline['state'], MessageKey> = { ok: 'inbox.due.in', soon: 'inbox.due.in', late: 'inbox.due.late', answered: 'inbox.due.answered' };
  return html`<span class="due due-${d.state}">${ctx.t(key[d.state], { time: duration(ctx, d.minutes) })}</span>`;
}

function query(filter: Partial<InboxFilter> & { page?: number }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface InboxPage {
  filter: InboxFilter;
  page: number;
  rows: ConsultationRow[];
  more: boolean;
  counts: Record<ConsultationStatus, number>;
  conditions: { slug: string; title: string }[];
  staff: { id: number; name: string }[];
  now: Date;
}

function tabs(ctx: AdminViewContext, base: string, p: InboxPage): string {
  return html`<nav class="tabs" aria-label="${ctx.t('inbox.statuses')}"><ul>!${statuses
    .map((s) => {
      const label = html`${ctx.t(`inbox.status.${s}`)} <span class="count">${p.counts[s]}</span>`;
      const href = `${base}${query({ status: s })}`;
      return s === p.filter.status ? html`<li><a href="${href}" aria-current="page">!${label}</a></li>` : html`<li><a href="${href}">!${label}</a></li>`;
    })
    .join('')}</ul></nav>`;
}

function selectField(name: string, label: string, value: string, options: { value: string; label: string }[]): string {
  return html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">!${options.map((o) => html`<option value="${o.value}"!${o.value === value ? ' selected' : ''}>${o.label}</option>`).join('')}</select></div>`;
}

function filters(ctx: AdminViewContext, base: string, p: InboxPage): string {
  const f = p.filter;
  const any = { value: '', label: ctx.t('inbox.any') };
  return html`<form method="get" action="${base}" class="filters inbox-filters" role="search" aria-label="${ctx.t('inbox.filter')}">
<input type="hidden" name="status" value="${f.status}">
!${field({ name: 'q', label: ctx.t('inbox.search'), value: f.q ?? '', hint: ctx.t('inbox.search.hint'), dir: 'auto' })}
!${selectField('condition', ctx.t('inbox.condition'), f.condition ?? '', [any, ...p.conditions.map((c) => ({ value: c.slug, label: c.title })), { value: 'other', label: ctx.t('consult.condition.other') }])}
!${selectField('assignee', ctx.t('inbox.assignee'), f.assignee === undefined ? '' : String(f.assignee), [any, { value: '0', label: ctx.t('inbox.nobody') }, ...p.staff.map((s) => ({ value: String(s.id), label: s.name }))])}
!${selectField('lang', ctx.t('inbox.lang'), f.lang ?? '', [any, { value: 'en', label: 'English' }, { value: 'ur', label: 'اردو' }])}
!${field({ name: 'from', label: ctx.t('audit.from'), type: 'date', value: f.from ?? '' })}
!${field({ name: 'to', label: ctx.t('audit.to'), type: 'date', value: f.to ?? '' })}
<div class="actions"><button type="submit">${ctx.t('audit.apply')}</button></div>
</form>`;
}

function row(ctx: AdminViewContext, r: ConsultationRow, p: InboxPage): string {
  const href = localePath(ctx.lang, `/admin/consultations/${r.reference}`);
  const signals = JSON.parse(r.signals) as string[];
  const assignee = p.staff.find((s) => s.id === r.assignee_id)?.name ?? '';
  return html`<tr!${r.urgent ? ' class="urgent"' : ''}><td><a href="${href}" dir="ltr" class="ref">${r.reference}</a>!${r.urgent ? html` <strong class="badge badge-urgent">${ctx.t('inbox.urgent')}</strong>` : ''}</td>
<td>!${deadlineText(ctx, deadline(r, p.now))}</td>
<td dir="auto">${r.full_name}</td><td>${conditionName(p.conditions, r.condition, ctx)}</td>
<td><time datetime="${r.created_at}" class="received">${receivedText(ctx.lang, new Date(r.created_at))}</time></td>
<td>${assignee}</td>
<td>${signals.map((s) => ctx.t(signalKey(s))).join(', ')}</td></tr>`;
}

const receivedFormats = new Map<Lang, Intl.DateTimeFormat>();

/** When a request came, short enough for a table cell: "1 Dec 2026, 04:57" (UTC, as the column says). */
function receivedText(lang: Lang, at: Date): string {
  let format = receivedFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'ur' ? 'ur-PK' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
    receivedFormats.set(lang, format);
  }
  return format.format(at);
}

const regionNames = new Map<Lang, Intl.DisplayNames>();

/** A country's name in the page's language ("PK" → "Pakistan", "پاکستان"); the code itself when unknown. */
function countryName(lang: Lang, code: string): string {
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

function conditionName(conditions: { slug: string; title: string }[], slug: string, ctx: AdminViewContext): string {
  return slug === 'other' ? ctx.t('consult.condition.other') : (conditions.find((c) => c.slug === slug)?.title ?? slug);
}

const signalKeys: Record<string, MessageKey> = {
  honeypot: 'inbox.signal.honeypot',
  'too-fast': 'inbox.signal.tooFast',
  'bad-proof-of-work': 'inbox.signal.badProof',
  'reused-proof-of-work': 'inbox.signal.reusedProof',
  'many-from-address': 'inbox.signal.manyFromAddress',
  'no-proof-of-work': 'inbox.signal.noProof',
  'expired-proof-of-work': 'inbox.signal.expiredProof',
};
const signalKey = (s: string): MessageKey => signalKeys[s] ?? 'inbox.signal.other';

export function inboxView(ctx: AdminViewContext, p: InboxPage): string {
  const base = localePath(ctx.lang, '/admin/consultations');
  const { page: _page, ...shown } = { ...p.filter, page: p.page };
  const main = html`<h1>${ctx.t('inbox.title')}</h1>
!${tabs(ctx, base, p)}
!${filters(ctx, base, p)}
<p><a href="${localePath(ctx.lang, '/admin/consultations.csv')}${query(shown)}" download>${ctx.t('inbox.csv')}</a> · <a href="${localePath(ctx.lang, '/admin/consultations/report')}">${ctx.t('report.title')}</a></p>
!${p.rows.length
    ? html`<section class="table-wrap" tabindex="0" aria-label="${ctx.t('inbox.title')}"><table class="data inbox"><thead><tr><th scope="col">${ctx.t('inbox.reference')}</th><th scope="col">${ctx.t('inbox.deadline')}</th><th scope="col">${ctx.t('inbox.name')}</th><th scope="col">${ctx.t('inbox.condition')}</th><th scope="col">${ctx.t('inbox.received')}</th><th scope="col">${ctx.t('inbox.assignee')}</th><th scope="col">${ctx.t('inbox.signals')}</th></tr></thead><tbody>!${p.rows.map((r) => row(ctx, r, p)).join('')}</tbody></table></section>`
    : html`<p>${ctx.t('inbox.none')}</p>`}
<nav class="pager" aria-label="${ctx.t('pagination')}">
!${p.page > 1 ? html`<a href="${base}${query({ ...shown, page: p.page - 1 })}">${ctx.t('inbox.previous')}</a>` : ''}
!${p.more ? html`<a href="${base}${query({ ...shown, page: p.page + 1 })}">${ctx.t('inbox.next')}</a>` : ''}
</nav>`;
  return adminLayout(ctx, ctx.t('inbox.title'), base, main);
}

function details(ctx: AdminViewContext, r: ConsultationRow, conditions: { slug: string; title: string }[]): string {
  const item = (key: MessageKey, value: string, dir: 'ltr' | 'auto' = 'auto') => html`<dt>${ctx.t(key)}</dt><dd dir="${dir}">${value || '—'}</dd>`;
  return html`<dl class="details">
!${item('inbox.name', r.full_name)}
<dt>${ctx.t('inbox.phone')}</dt><dd><a href="${telHref(r.phone)}" dir="ltr">${phoneText(r.phone)}</a> · <a href="${whatsappHref(r.phone)}" rel="noopener">WhatsApp</a></dd>
!${r.email ? html`<dt>${ctx.t('inbox.email')}</dt><dd><a href="mailto:${r.email}" dir="ltr">${r.email}</a></dd>` : ''}
!${item('inbox.replyVia', ctx.t(`consult.reply.${r.reply_via}`))}
!${item('inbox.preferredTime', `${ctx.t(`consult.time.${r.preferred_time as 'any'}`)} (${r.time_zone})`)}
!${item('inbox.place', [r.city, r.country ? countryName(ctx.lang, r.country) : ''].filter(Boolean).join(', '))}
!${item('inbox.condition', conditionName(conditions, r.condition, ctx))}
<dt>${ctx.t('inbox.message')}</dt><dd dir="auto" class="message">${r.message}</dd>
!${item('inbox.lang', r.lang === 'ur' ? 'اردو' : 'English')}
!${item('inbox.consent', `${r.consent_at.slice(0, 16).replace('T', ' ')} UTC · ${r.privacy_version}`, 'ltr')}
!${item('inbox.source', [r.source_path, r.referrer].filter(Boolean).join(' · '), 'ltr')}
</dl>`;
}

function actionForm(ctx: AdminViewContext, reference: string, action: string, body: string, button: string): string {
  return html`<form method="post" action="${localePath(ctx.lang, `/admin/consultations/${reference}`)}" class="inbox-action">
!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="action" value="${action}">
!${body}<div class="actions"><button type="submit">${button}</button></div>
</form>`;
}

function actions(ctx: AdminViewContext, page: RequestPage, staff: { id: number; name: string }[], errors: FieldError[], note: string): string {
  const r = page.request;
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"!${selected ? ' selected' : ''}>${label}</option>`;
  if (r.status === 'closed' || r.status === 'spam') return actionForm(ctx, r.reference, 'reopen', '', ctx.t('inbox.action.reopen'));
  // A booked request is still worked on (assigned, called, noted); it is not reopened, nor closed while its booking stands.
  const bookingStands = r.status === 'booked' && page.booking?.status === 'booked';
  return [
    actionForm(ctx, r.reference, 'assign', html`<div class="field"><label for="f-assignee">${ctx.t('inbox.assignee')}</label><select id="f-assignee" name="assignee">!${option('0', ctx.t('inbox.nobody'), r.assignee_id === null)}!${staff.map((s) => option(String(s.id), s.name, s.id === r.assignee_id)).join('')}</select></div>`, ctx.t('inbox.action.assign')),
    actionForm(ctx, r.reference, 'contact', html`<fieldset><legend>${ctx.t('inbox.action.contact')}</legend>
<div class="field"><label for="f-channel">${ctx.t('inbox.channel')}</label><select id="f-channel" name="channel">!${replyChannels.map((c) => option(c, ctx.t(`consult.reply.${c}`), c === r.reply_via)).join('')}</select></div>
<div class="field"><label for="f-outcome-contact">${ctx.t('inbox.outcome')}</label><select id="f-outcome-contact" name="outcome">!${contactOutcomes.map((o) => option(o, ctx.t(`inbox.contact.${o}`), false)).join('')}</select></div>
<div class="field"><label for="f-contact-note">${ctx.t('inbox.note.optional')}</label><input id="f-contact-note" name="note" type="text" value="" maxlength="2000" dir="auto"></div></fieldset>`, ctx.t('inbox.action.logContact')),
    r.responded_at ? '' : actionForm(ctx, r.reference, 'responded', html`<p class="hint">${ctx.t('inbox.responded.hint')}</p>`, ctx.t('inbox.action.responded')),
    actionForm(ctx, r.reference, 'note', textArea({ name: 'note', label: ctx.t('inbox.note'), hint: ctx.t('inbox.note.hint'), value: note, errors, rows: 3 }), ctx.t('inbox.action.note')),
    bookingStands
      ? ''
      : actionForm(ctx, r.reference, 'close', html`<div class="field"><label for="f-outcome">${ctx.t('inbox.closeAs')}</label><select id="f-outcome" name="outcome">!${closeOutcomes.map((o) => option(o, ctx.t(`inbox.close.${o}`), false)).join('')}</select></div>
!${r.email ? html`<div class="check"><input type="checkbox" id="f-explain" name="explain" value="yes"><label for="f-explain">${ctx.t('inbox.close.explain')}</label></div>` : ''}`, ctx.t('inbox.action.close')),
  ].join('');
}

function eventText(ctx: AdminViewContext, e: RequestPage['events'][number], staff: { id: number; name: string }[]): { summary: string; note: string } {
  const d = JSON.parse(e.details) as Record<string, string | number | null | string[]>;
  const parts: string[] = [];
  if (typeof d.outcome === 'string') parts.push(ctx.t(e.kind === 'close' ? `inbox.close.${d.outcome as 'duplicate'}` : `inbox.contact.${d.outcome as 'reached'}`));
  if (typeof d.channel === 'string') parts.push(ctx.t(`consult.reply.${d.channel as 'phone'}`));
  if (e.kind === 'assign') parts.push(staff.find((s) => s.id === d.assignee)?.name ?? ctx.t('inbox.nobody'));
  if (Array.isArray(d.signals) && d.signals.length) parts.push(d.signals.map((s) => ctx.t(signalKey(s))).join(', '));
  return { summary: parts.join(' · '), note: typeof d.note === 'string' ? d.note : '' };
}

function eventLine(ctx: AdminViewContext, e: RequestPage['events'][number], staff: { id: number; name: string }[]): string {
  const { summary, note } = eventText(ctx, e, staff);
  const words = [summary ? html`<bdi>${summary}</bdi>` : '', note ? html`<bdi>${note}</bdi>` : ''].filter(Boolean).join(' — ');
  return html`<li><time datetime="${e.at}" dir="ltr">${e.at.slice(0, 16).replace('T', ' ')} UTC</time> <strong>${ctx.t(eventKeys[e.kind] ?? 'inbox.event.other')}</strong>!${e.actor_name ? html` (<bdi>${e.actor_name}</bdi>)` : ''}!${words ? ` ${words}` : ''}</li>`;
}

const eventKeys: Record<string, MessageKey> = {
  received: 'inbox.event.received', 'received-as-spam': 'inbox.event.receivedAsSpam', booked: 'inbox.event.booked', rebooked: 'inbox.event.rebooked',
  'booking-cancelled': 'inbox.event.bookingCancelled', erased: 'inbox.event.erased', anonymised: 'inbox.event.anonymised', attended: 'booking.status.attended', no_show: 'booking.status.no_show', assign: 'inbox.event.assign', note: 'inbox.event.note',
  contact: 'inbox.event.contact', responded: 'inbox.event.responded', close: 'inbox.event.close', reopen: 'inbox.event.reopen',
};

export interface BookingChoices {
  clinicTimeZone: string;
  locations: string[];
  clinicians: string[];
  /** The booking form as typed, when it came back with errors. */
  typed?: Record<string, string>;
}

/** An instant as the date and time fields take it on a zone's clock: { date: "2026-12-03", time: "15:30" }. */
function clinicWallClock(at: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

function bookingSection(ctx: AdminViewContext, page: RequestPage, c: BookingChoices, errors: FieldError[]): string {
  const r = page.request;
  const b = page.booking;
  const action = localePath(ctx.lang, `/admin/consultations/${r.reference}/booking`);
  const form = (op: string, body: string, button: string) => html`<form method="post" action="${action}" class="inbox-action">!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="op" value="${op}">!${body}<div class="actions"><button type="submit">${button}</button></div></form>`;
  const current = b
    ? html`<p class="booking-now"><strong>${ctx.t(`booking.status.${b.status}`)}:</strong> <bdi>${formatWhen(ctx.lang, new Date(b.starts_at), c.clinicTimeZone)}</bdi>
<span class="line">${ctx.t('booking.patientTime')} <bdi>${formatWhen(ctx.lang, new Date(b.starts_at), r.time_zone)}</bdi></span>
<span class="line"><bdi>${ctx.t('inbox.minutes', { n: b.minutes })}</bdi> · ${ctx.t(`booking.mode.${b.mode}`)}!${b.mode === 'in_person' ? html` · <bdi>${b.location}</bdi>` : ''} · <bdi>${b.clinician}</bdi></span></p>`
    : html`<p>${ctx.t('booking.none')}</p>`;
  if (r.status === 'closed' || r.status === 'spam') return current;
  const typed = c.typed ?? {};
  // Moving a booking starts from where it stands: its date and time on the clinic's clock.
  const standing = b?.status === 'booked' ? clinicWallClock(new Date(b.starts_at), c.clinicTimeZone) : { date: '', time: '' };
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"!${selected ? ' selected' : ''}>${label}</option>`;
  const bookForm = form('book', html`<fieldset><legend>${b?.status === 'booked' ? ctx.t('booking.move') : ctx.t('booking.book')}</legend>
<p class="hint">${ctx.t('booking.clinicTime', { zone: c.clinicTimeZone })}</p>
!${field({ name: 'date', label: ctx.t('booking.date'), type: 'date', value: typed.date ?? standing.date, errors, required: true })}
!${field({ name: 'time', label: ctx.t('booking.time'), value: typed.time ?? standing.time, errors, required: true, hint: ctx.t('booking.time.hint'), dir: 'ltr' })}
!${field({ name: 'minutes', label: ctx.t('booking.minutes'), type: 'number', value: typed.minutes ?? String(b?.minutes ?? 30), errors, min: 10, max: 240, inputmode: 'numeric' })}
<div class="field"><label for="f-mode">${ctx.t('booking.modeLabel')}</label><select id="f-mode" name="mode">!${bookingModes.map((m) => option(m, ctx.t(`booking.mode.${m}`), m === (typed.mode ?? b?.mode ?? 'in_person'))).join('')}</select></div>
<div class="field"><label for="f-location">${ctx.t('booking.location')}</label><select id="f-location" name="location">!${c.locations.map((l) => option(l, l, l === (typed.location ?? b?.location))).join('')}</select></div>
!${field({ name: 'clinician', label: ctx.t('booking.clinician'), value: typed.clinician ?? b?.clinician ?? c.clinicians[0] ?? '', errors, required: true, hint: c.clinicians.join(', ') })}
</fieldset>`, b?.status === 'booked' ? ctx.t('booking.action.move') : ctx.t('booking.action.book'));
  const manage = b?.status === 'booked'
    ? form('cancel', '', ctx.t('booking.action.cancel')) + form('attendance', html`<div class="field"><label for="f-attendance">${ctx.t('booking.attendance')}</label><select id="f-attendance" name="outcome">!${attendanceOutcomes.map((o) => option(o, ctx.t(`booking.status.${o}`), false)).join('')}</select></div>`, ctx.t('booking.action.attendance'))
    : '';
  return current + bookForm + manage;
}

export function requestView(ctx: AdminViewContext, page: RequestPage, o: { staff: { id: number; name: string }[]; conditions: { slug: string; title: string }[]; now: Date; errors: FieldError[]; done: boolean; lang: Lang; note?: string; booking: BookingChoices }): string {
  const r = page.request;
  const base = localePath(ctx.lang, '/admin/consultations');
  const title = `${ctx.t('inbox.request')} ${r.reference}`;
  const main = html`<p><a href="${base}${query({ status: r.status })}">${ctx.t('inbox.back')}</a></p>
<h1>${ctx.t('inbox.request')} <span class="ref" dir="ltr">${r.reference}</span></h1>
!${o.done ? notice(ctx.t('admin.saved')) : ''}
!${errorSummary(ctx.t('admin.errors.title'), o.errors)}
<p>!${r.urgent ? html`<strong class="badge badge-urgent">${ctx.t('inbox.urgent')}</strong> ` : ''}${ctx.t(`inbox.status.${r.status}`)} · !${deadlineText(ctx, deadline(r, o.now))}</p>
!${details(ctx, r, o.conditions)}
!${page.duplicates.length
    ? html`<section aria-labelledby="dups"><h2 id="dups">${ctx.t('inbox.duplicates')}</h2><ul>!${page.duplicates.map((d) => html`<li><a href="${base}/${d.reference}" dir="ltr">${d.reference}</a> — ${d.full_name}, ${d.created_at.slice(0, 10)}, ${ctx.t(`inbox.status.${d.status}`)}</li>`).join('')}</ul></section>`
    : ''}
<section aria-labelledby="bk"><h2 id="bk">${ctx.t('booking.title')}</h2>!${bookingSection(ctx, page, o.booking, o.errors)}</section>
<section aria-labelledby="acts"><h2 id="acts">${ctx.t('inbox.actions')}</h2>!${actions(ctx, page, o.staff, o.errors, o.note ?? '')}</section>
<section aria-labelledby="tl"><h2 id="tl">${ctx.t('inbox.timeline')}</h2><ol class="timeline">!${page.events.map((e) => eventLine(ctx, e, o.staff)).join('')}</ol></section>`;
  return adminLayout(ctx, title, base, main);
}
