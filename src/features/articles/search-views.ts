import { breadcrumbLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { escapeHtml, html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { articlePath, breadcrumbs } from '#src/web/parts.ts';
import type { SearchHit } from './queries.ts';
import { MARK_END, MARK_START } from './rules.ts';

/** The engine marks matches with control characters; escape everything, then turn those into <mark>. */
function highlight(snippet: string): string {
  return escapeHtml(snippet.replaceAll('\u0000', '')).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

export function searchView(ctx: ViewContext, query: string, hits: SearchHit[]): string {
  const path = localePath(ctx.lang, '/search');
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: ctx.t('search.title'), path },
  ];
  const q = query.trim();
  let results: string;
  if (q === '') results = html`<p>${ctx.t('search.prompt')}</p>`;
  else if (hits.length === 0) results = html`<p role="status">${ctx.t('search.none', { q })}</p>`;
  else
    results = html`<p role="status">${ctx.t(hits.length === 1 ? 'search.results.one' : 'search.results.other', { n: hits.length, q })}</p>
<ol class="cards results">!${hits
      .map(
        (h) => html`<li class="card">
<h2><a href="${articlePath(ctx.lang, h.slug)}">${h.title}</a></h2>
<p>${h.summary}</p>
<p class="snippet">!${highlight(h.snippet)}</p>
</li>`,
      )
      .join('')}</ol>`;
  const main = html`!${breadcrumbs(ctx, crumbs)}<h1>${ctx.t('search.title')}</h1>
<form class="search-form" role="search" action="${path}" method="get">
<label for="q">${ctx.t('search.label')}</label>
<div class="search-row"><input id="q" name="q" type="search" value="${q}" maxlength="200" autocomplete="off"><button type="submit">${ctx.t('search.button')}</button></div>
</form>
!${results}`;
  return layout(
    ctx,
    {
      title: q ? `${ctx.t('search.title')}: ${q}` : ctx.t('search.title'),
      description: ctx.t('search.prompt'),
      path,
      alternates: [{ lang: 'en', path: '/search' }, { lang: 'ur', path: '/ur/search' }],
      jsonLd: [breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}
