import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';

export type ErrorKind = 400 | 404 | 429 | 500 | 503;

/** A friendly error page in the reader's language, with a way back; never a stack trace. */
export function errorView(ctx: ViewContext, kind: ErrorKind, path: string): string {
  const main = html`<div class="error-page">
<h1>${ctx.t(`error.${kind}.title`)}</h1>
<p>${ctx.t(`error.${kind}.text`)}</p>
<form class="search-form" role="search" action="${localePath(ctx.lang, '/search')}" method="get">
<label for="q">${ctx.t('search.label')}</label>
<div class="search-row"><input id="q" name="q" type="search" maxlength="200"><button type="submit">${ctx.t('search.button')}</button></div>
</form>
<p><a href="${localePath(ctx.lang, '/')}">${ctx.t('nav.home')}</a></p>
</div>`;
  return layout(ctx, { title: ctx.t(`error.${kind}.title`), description: ctx.t(`error.${kind}.text`), path, alternates: [], noindex: true, switchToHome: true }, main);
}
