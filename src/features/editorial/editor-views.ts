import { isLink, referenceParts } from '#src/content/references.ts';
import type { Lang } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { direction, formatDate, localePath } from '#src/web/i18n/index.ts';
import { statusBadge } from './list-views.ts';
import type { ArticleFields, EditorFinding, EditorState } from './service.ts';
import { findingsPanel } from './findings-views.ts';

export interface EditorChoices {
  people: { slug: string; name: string }[];
  conditions: { slug: string; title: string }[];
  treatments: { slug: string; title: string }[];
  testimonials: { id: string; who: string }[];
}

export interface EditorPage {
  state: EditorState;
  /** What the form shows: the head revision, or what was just typed when a save was refused. */
  fields: ArticleFields;
  /** The revision number the form is based on (a save from an older one is refused, never lost). */
  basedOn: number;
  choices: EditorChoices;
  findings: EditorFinding[];
  /** Rendered by the public article renderer, when the editor asked for it without JavaScript. */
  preview: string | null;
  errors: FieldError[];
  message: string | null;
  warning: string | null;
  can: { edit: boolean; review: boolean };
  nextReviewDefault: string;
  /** Scheduled publication is typed in the clinic's wall-clock time. */
  clinicTimeZone: string;
}

function option(value: string, label: string, selected: boolean): string {
  return html`<option value="${value}"!${selected ? ' selected' : ''}>${label}</option>`;
}

function select(name: string, label: string, value: string, choices: { value: string; label: string }[], emptyLabel: string): string {
  return html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">!${option('', emptyLabel, value === '')}!${choices.map((c) => option(c.value, c.label, c.value === value)).join('')}</select></div>`;
}

function ticks(ctx: AdminViewContext, name: 'conditions' | 'treatments', chosen: string[], options: { slug: string; title: string }[]): string {
  return html`<fieldset id="f-${name}" class="ticks"><legend>${ctx.t(`editorial.${name}`)}</legend>
!${options.map((o) => html`<div class="check"><input type="checkbox" id="f-${name}-${o.slug}" name="${name}" value="${o.slug}"!${chosen.includes(o.slug) ? ' checked' : ''}><label for="f-${name}-${o.slug}" dir="auto">${o.title}</label></div>`).join('')}
</fieldset>`;
}

const marks: { mark: string; key: 'bold' | 'italic' | 'heading' | 'list' | 'link' | 'cite' }[] = [
  { mark: '**', key: 'bold' },
  { mark: '_', key: 'italic' },
  { mark: '## ', key: 'heading' },
  { mark: '- ', key: 'list' },
  { mark: '[](https://)', key: 'link' },
  { mark: '[1]', key: 'cite' },
];

/** The toolbar works only with the script (it edits the text area); without it, Markdown is typed by hand. */
function toolbar(ctx: AdminViewContext): string {
  return html`<div class="md-toolbar" role="toolbar" aria-label="${ctx.t('editorial.toolbar')}" aria-controls="f-body" hidden>!${marks.map((m) => html`<button type="button" data-mark="${m.mark}">${ctx.t(`editorial.mark.${m.key}`)}</button>`).join('')}</div>`;
}

function fieldsForm(ctx: AdminViewContext, p: EditorPage, action: string): string {
  const f = p.fields;
  const e = p.errors;
  const dir = direction(p.state.lang);
  const people = p.choices.people.map((x) => ({ value: x.slug, label: x.name }));
  const disabled = p.can.edit ? '' : ' disabled';
  return html`<form method="post" action="${action}" class="editor" id="editor" novalidate data-autosave="${action}/autosave" data-preview="${localePath(ctx.lang, '/admin/articles/preview')}" data-lang="${p.state.lang}">
!${hiddenCsrf(ctx.csrf)}
<input type="hidden" name="revision" value="${p.basedOn}">
<fieldset!${disabled}><legend class="visually-hidden">${ctx.t('editorial.fields')}</legend>
!${field({ name: 'title', label: ctx.t('editorial.articleTitle'), value: f.title, errors: e, dir: 'auto' })}
!${textArea({ name: 'summary', label: ctx.t('editorial.summary'), hint: ctx.t('editorial.summary.hint'), value: f.summary, errors: e, rows: 3, maxlength: 400, dir })}
!${toolbar(ctx)}
!${textArea({ name: 'body', label: ctx.t('editorial.body'), hint: ctx.t('editorial.body.hint'), value: f.body, errors: e, rows: 24, dir })}
!${textArea({ name: 'references', label: ctx.t('editorial.references'), hint: ctx.t('editorial.references.hint'), value: f.references.join('\n'), errors: e, rows: 6, dir: 'ltr' })}
!${select('author', ctx.t('editorial.author'), f.author, people, ctx.t('editorial.choose'))}
!${select('translator', ctx.t('editorial.translator'), f.translator, people, ctx.t('editorial.nobody'))}
!${ticks(ctx, 'conditions', f.conditions, p.choices.conditions)}
!${ticks(ctx, 'treatments', f.treatments, p.choices.treatments)}
!${select('testimonial', ctx.t('editorial.testimonial'), f.testimonial, p.choices.testimonials.map((t) => ({ value: t.id, label: `${t.id}: ${t.who}` })), ctx.t('editorial.nobody'))}
!${field({ name: 'video', label: ctx.t('editorial.video'), hint: ctx.t('editorial.video.hint'), value: f.video, errors: e, dir: 'ltr', type: 'url' })}
!${textArea({ name: 'conflictOfInterest', label: ctx.t('editorial.coi'), hint: ctx.t('editorial.coi.hint'), value: f.conflictOfInterest, errors: e, rows: 2, dir })}
<div class="check"><input type="checkbox" id="f-featured" name="featured" value="yes"!${f.featured ? ' checked' : ''}><label for="f-featured">${ctx.t('editorial.featured')}</label></div>
</fieldset>
!${p.can.edit
    ? html`<div class="actions"><button type="submit" name="op" value="save">${ctx.t('admin.save')}</button> <button type="submit" name="op" value="preview" class="secondary">${ctx.t('editorial.preview')}</button>!${p.state.workflow.status === 'draft' ? html` <button type="submit" name="op" value="submit" class="secondary">${ctx.t('editorial.submit')}</button>` : ''}</div>
<p class="hint autosave-status" role="status" aria-live="polite"></p>
<p class="findings-jump"><a href="#cs-findings" id="findings-jump">${findingsSummary(ctx, p.findings)}</a></p>`
    : ''}
</form>`;
}

/** The checks' count beside the buttons, linking to the list (far below the text on a phone). */
function findingsSummary(ctx: AdminViewContext, findings: EditorFinding[]): string {
  const n = (s: EditorFinding['severity']) => findings.filter((f) => f.severity === s).length;
  return ctx.t('editorial.findings.jump', { errors: n('error'), warnings: n('warning') });
}

/**
 * Uploading an image from the editor (the script sends it and puts its Markdown at the cursor).
 * Outside the article's form so its fields are never posted with the article; without the script,
 * the Images page does the same and shows the Markdown to paste.
 */
function imageUpload(ctx: AdminViewContext): string {
  return html`<section class="image-upload" aria-labelledby="cs-image-upload" data-upload="${localePath(ctx.lang, '/admin/media')}">
<h2 id="cs-image-upload">${ctx.t('editorial.image')}</h2>
<p class="hint">${ctx.t('editorial.image.hint')} <a href="${localePath(ctx.lang, '/admin/media')}">${ctx.t('editorial.image.page')}</a></p>
<div class="image-upload-fields" hidden>
<div class="field"><label for="f-image-file">${ctx.t('editorial.image.file')}</label><input id="f-image-file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif"></div>
<div class="field"><label for="f-image-alt">${ctx.t('editorial.image.alt')}</label><input id="f-image-alt" type="text" maxlength="500" dir="auto"></div>
<div class="actions"><button type="button" class="secondary" id="image-insert">${ctx.t('editorial.image.insert')}</button></div>
<p class="hint" id="image-status" role="status" aria-live="polite"></p>
</div>
</section>`;
}

function referencesHtml(refs: string[]): string {
  const list = refs.filter((r) => r.trim() !== '');
  if (list.length === 0) return '';
  return html`<ol class="references">!${list.map((r, i) => html`<li id="ref-${i + 1}" dir="auto">!${referenceParts(r).map((part) => (isLink(part) ? html`<a href="${part.href}" rel="noopener">${part.text}</a>` : html`${part.text}`)).join('')}</li>`).join('')}</ol>`;
}

/** The preview, in the article's language and direction; the body HTML comes from the public renderer (sanitised). */
export function previewHtml(lang: Lang, title: string, summary: string, bodyHtml: string, references: string[]): string {
  return html`<article class="article-preview" lang="${lang}" dir="${direction(lang)}"><p class="preview-title">${title}</p><p class="summary">${summary}</p><div class="prose">!${bodyHtml}</div>!${referencesHtml(references)}</article>`;
}

function previewPanel(ctx: AdminViewContext, preview: string | null): string {
  return html`<section class="preview-panel" aria-labelledby="cs-preview"><h2 id="cs-preview">${ctx.t('editorial.preview')}</h2>
<div id="preview-output" aria-live="polite">!${preview ?? html`<p class="hint">${ctx.t('editorial.preview.hint')}</p>`}</div></section>`;
}

function reviewPanel(ctx: AdminViewContext, p: EditorPage, action: string): string {
  const w = p.state.workflow;
  const errors = p.findings.filter((f) => f.severity === 'error').length;
  if (w.status === 'in_review' && p.can.review) {
    return html`<section class="review-panel" aria-labelledby="cs-review"><h2 id="cs-review">${ctx.t('editorial.review')}</h2>
<form method="post" action="${action}/review" novalidate>!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="revision" value="${p.state.head.number}">
!${field({ name: 'nextReviewAt', label: ctx.t('editorial.nextReview'), type: 'date', value: p.nextReviewDefault, errors: p.errors })}
!${textArea({ name: 'reason', label: ctx.t('editorial.reason'), hint: ctx.t(errors > 0 ? 'editorial.reason.needed' : 'editorial.reason.hint', { n: errors }), value: '', errors: p.errors, rows: 3 })}
<fieldset><legend>${ctx.t('editorial.publishWhen')}</legend>
<div class="check"><input type="radio" id="f-publish-now" name="publish" value="now" checked><label for="f-publish-now">${ctx.t('editorial.publish.now')}</label></div>
<div class="check"><input type="radio" id="f-publish-later" name="publish" value="later"><label for="f-publish-later">${ctx.t('editorial.publish.later')}</label></div>
</fieldset>
<div class="actions"><button type="submit" name="op" value="approve">${ctx.t('editorial.approve')}</button></div>
</form>
<form method="post" action="${action}/review" novalidate>!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="revision" value="${p.state.head.number}">
!${textArea({ name: 'note', label: ctx.t('editorial.changesNote'), hint: ctx.t('editorial.changesNote.hint'), value: '', errors: p.errors, rows: 3 })}
<div class="actions"><button type="submit" name="op" value="changes" class="secondary">${ctx.t('editorial.requestChanges')}</button></div>
</form></section>`;
  }
  if ((w.status === 'approved' || w.status === 'scheduled') && (p.can.edit || p.can.review)) {
    return html`<section class="review-panel" aria-labelledby="cs-review"><h2 id="cs-review">${ctx.t('editorial.publishing')}</h2>
!${w.status === 'scheduled' && w.publish_at ? html`<p>${ctx.t('editorial.scheduledFor', { at: `${w.publish_at.slice(0, 16).replace('T', ' ')} UTC` })}</p>` : ''}
<form method="post" action="${action}/publish" novalidate>!${hiddenCsrf(ctx.csrf)}
<div class="actions"><button type="submit" name="op" value="now">${ctx.t('editorial.publish.now')}</button></div></form>
<form method="post" action="${action}/publish" novalidate>!${hiddenCsrf(ctx.csrf)}
<p class="hint">${ctx.t('editorial.publish.at.hint', { zone: p.clinicTimeZone })}</p>
!${field({ name: 'date', label: ctx.t('editorial.publish.date'), type: 'date', value: '', errors: p.errors })}
!${field({ name: 'time', label: ctx.t('editorial.publish.time'), type: 'time', value: '09:00', errors: p.errors })}
<div class="actions"><button type="submit" name="op" value="schedule" class="secondary">${ctx.t('editorial.schedule')}</button></div></form></section>`;
  }
  return '';
}

function summaryLine(ctx: AdminViewContext, p: EditorPage): string {
  const w = p.state.workflow;
  return html`<p class="workflow-line">!${statusBadge(ctx, w.status)} ${ctx.t('editorial.revision', { n: p.state.head.number })}
!${p.state.online ? html` · ${ctx.t('editorial.online')}` : html` · ${ctx.t('editorial.notOnline')}`}
!${w.next_review_at ? html` · ${ctx.t('editorial.nextReview')}: <time datetime="${w.next_review_at}">${formatDate(ctx.lang, w.next_review_at)}</time>` : ''}
· <a href="${localePath(ctx.lang, `/admin/articles/${p.state.lang}/${p.state.slug}/revisions`)}">${ctx.t('editorial.revisions')}</a>
!${p.state.online ? html` · <a href="${localePath(p.state.lang, `/articles/${p.state.slug}`)}">${ctx.t('editorial.viewOnline')}</a>` : ''}</p>`;
}

/** The editor: the article's fields, the checks' findings beside them, the preview, and the review step. */
export function editorView(ctx: AdminViewContext, p: EditorPage): string {
  const action = localePath(ctx.lang, `/admin/articles/${p.state.lang}/${p.state.slug}`);
  const title = p.fields.title || p.state.slug;
  const main = html`<p><a href="${localePath(ctx.lang, '/admin/articles')}">${ctx.t('editorial.title')}</a></p>
<h1 dir="auto">${title}</h1>
!${summaryLine(ctx, p)}
!${p.message ? notice(p.message) : ''}
!${p.warning ? notice(p.warning, 'warning') : ''}
!${errorSummary(ctx.t('admin.errors.title'), p.errors)}
<div class="editor-grid">
<div class="editor-main">!${fieldsForm(ctx, p, action)}!${p.can.edit ? imageUpload(ctx) : ''}</div>
<div class="editor-side">
!${reviewPanel(ctx, p, action)}
!${findingsPanel(ctx, p.findings)}
!${previewPanel(ctx, p.preview)}
</div>
</div>
<script type="module" src="${ctx.assets.editorJs}"></script>`;
  return adminLayout(ctx, title, localePath(ctx.lang, '/admin/articles'), main);
}
