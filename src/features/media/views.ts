import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, hiddenCsrf, notice, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { formatDate, localePath } from '#src/web/i18n/index.ts';
import type { MediaListItem } from './service.ts';

export interface UploadFormState {
  /** The alt text as typed, kept when the upload is refused (a file input cannot be kept). */
  alt: string;
  errors: FieldError[];
  /** Just uploaded: the Markdown to copy into the article. */
  uploaded: { markdown: string } | null;
}

function fieldError(errors: FieldError[], id: string): FieldError | undefined {
  return errors.find((e) => e.field === id);
}

/** A labelled input with its hint and error, as forms.ts draws them; file inputs and the long alt text need their own. */
function uploadField(ctx: AdminViewContext, o: { name: 'file' | 'alt'; errors: FieldError[]; control: (describedBy: string, invalid: string) => string }): string {
  const id = `f-${o.name}`;
  const error = fieldError(o.errors, id);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field!${error ? ' has-error' : ''}">
<label for="${id}">${ctx.t(`media.${o.name}`)}</label>
<p class="hint" id="${id}-hint">${ctx.t(`media.${o.name}.hint`)}</p>
!${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
!${o.control(describedBy, error ? ' aria-invalid="true"' : '')}
</div>`;
}

function markdownBox(ctx: AdminViewContext, id: string, markdown: string): string {
  return html`<div class="markdown-copy"><label for="${id}">${ctx.t('media.markdown')}</label> <input id="${id}" type="text" readonly dir="ltr" value="${markdown}"></div>`;
}

function recentList(ctx: AdminViewContext, items: MediaListItem[]): string {
  if (items.length === 0) return html`<p>${ctx.t('media.none')}</p>`;
  return html`<ul class="media-list">!${items
    .map(
      (m) => html`<li>
<img src="${m.thumbnail.src}" width="${m.thumbnail.width}" height="${m.thumbnail.height}" alt="" loading="lazy" decoding="async">
<div><p dir="auto">${m.alt}</p>
<p class="hint">${ctx.t('media.size', { width: m.width, height: m.height })} · <time datetime="${m.createdAt}">${formatDate(ctx.lang, m.createdAt)}</time></p>
!${markdownBox(ctx, `md-${m.id}`, m.markdown)}</div>
</li>`,
    )
    .join('')}</ul>`;
}

/** /admin/media: the upload form (works without JavaScript) and the images uploaded last, each with its Markdown. */
export function mediaPageView(ctx: AdminViewContext, form: UploadFormState, recent: MediaListItem[]): string {
  const path = localePath(ctx.lang, '/admin/media');
  const main = html`<h1>${ctx.t('media.title')}</h1>
<p>${ctx.t('media.lead')}</p>
!${form.uploaded ? html`<div class="media-uploaded">!${notice(ctx.t('media.uploaded'))}!${markdownBox(ctx, 'md-uploaded', form.uploaded.markdown)}</div>` : ''}
!${errorSummary(ctx.t('admin.errors.title'), form.errors)}
<form method="post" action="${path}" enctype="multipart/form-data" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${uploadField(ctx, { name: 'alt', errors: form.errors, control: (describedBy, invalid) => html`<input id="f-alt" name="alt" type="text" dir="auto" maxlength="500" value="${form.alt}" aria-describedby="${describedBy}"!${invalid}>` })}
!${uploadField(ctx, { name: 'file', errors: form.errors, control: (describedBy, invalid) => html`<input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby="${describedBy}"!${invalid}>` })}
<div class="actions"><button type="submit">${ctx.t('media.upload')}</button></div>
</form>
<h2>${ctx.t('media.recent')}</h2>
!${recentList(ctx, recent)}`;
  return adminLayout(ctx, ctx.t('media.title'), path, main);
}
