import type { ErrorEntry } from '#src/errors.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { direction, localePath, translator, type MessageKey } from '#src/web/i18n/index.ts';
import type { Lang } from '#src/db/types.ts';
import { layout } from '#src/web/layout.ts';

export interface ErrorTexts {
  title: MessageKey;
  text: MessageKey;
}

/** The heading and text of an error drawn as a page; an error meant for beside a form gets the general heading of its class. */
export function errorTexts(entry: Pick<ErrorEntry, 'status' | 'key' | 'title'>): ErrorTexts {
  return { title: entry.title ?? (entry.status >= 500 ? 'error.500.title' : 'error.400.title'), text: entry.key };
}

/** A friendly error page in the reader's language, with a way back; never a stack trace. */
export function errorView(ctx: ViewContext, texts: ErrorTexts, path: string): string {
  const main = html`<div class="error-page">
<h1>${ctx.t(texts.title)}</h1>
<p>${ctx.t(texts.text)}</p>
<form class="search-form" role="search" action="${localePath(ctx.lang, '/search')}" method="get">
<label for="q">${ctx.t('search.label')}</label>
<div class="search-row"><input id="q" name="q" type="search" maxlength="200"><button type="submit">${ctx.t('search.button')}</button></div>
</form>
<p><a href="${localePath(ctx.lang, '/')}">${ctx.t('nav.home')}</a></p>
</div>`;
  return layout(ctx, { title: ctx.t(texts.title), description: ctx.t(texts.text), path, alternates: [], noindex: true, switchToHome: true }, main);
}

/** With no clinic settings at hand (the database is down): a bare page, still translated. */
export function bareErrorPage(lang: Lang, texts: ErrorTexts): string {
  const t = translator(lang);
  return html`<!DOCTYPE html><html lang="${lang}" dir="${direction(lang)}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(texts.title)}</title><h1>${t(texts.title)}</h1><p>${t(texts.text)}</p>`;
}
