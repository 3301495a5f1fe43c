import type { Lang, Testimonial } from '#src/db/types.ts';
import type { ArticleSummary } from '#src/db/types.ts';
import type { Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from './context.ts';
import { html } from './html.ts';
import { formatDate, localePath } from './i18n/index.ts';

// Intl's formatting was a sixth of what remained of rendering an article, for the same few dates
// again and again (an article's four, its related articles'): each is formatted once per language.
// Bounded, and simply emptied when full; a day's text never changes.
const dayTexts = new Map<string, string>();
const DAY_TEXTS_MAX = 5000;

/** formatDate, remembered: a stored date as the reader's language writes it. */
export function dayText(lang: Lang, isoDate: string): string {
  const key = lang + isoDate;
  let text = dayTexts.get(key);
  if (text === undefined) {
    text = formatDate(lang, isoDate);
    if (dayTexts.size >= DAY_TEXTS_MAX) dayTexts.clear();
    dayTexts.set(key, text);
  }
  return text;
}

export function articlePath(lang: Lang, slug: string): string {
  return localePath(lang, `/articles/${slug}`);
}

export function personPath(lang: Lang, slug: string): string {
  return localePath(lang, `/people/${slug}`);
}

export function breadcrumbs(ctx: ViewContext, crumbs: Crumb[]): string {
  const last = crumbs.length - 1;
  return html`<nav class="crumbs" aria-label="${ctx.t('breadcrumbs')}"><ol>!${crumbs
    .map((c, i) => (i === last ? html`<li><a href="${c.path}" aria-current="page">${c.name}</a></li>` : html`<li><a href="${c.path}">${c.name}</a></li>`))
    .join('')}</ol></nav>`;
}

export function articleList(ctx: ViewContext, items: ArticleSummary[], headingLevel: 2 | 3 = 2): string {
  if (items.length === 0) return html`<p>${ctx.t('articles.none')}</p>`;
  const h = `h${headingLevel}`;
  return html`<ul class="cards">!${items
    .map(
      (a) => html`<li class="card">
<!${h}><a href="${articlePath(a.lang, a.slug)}">${a.title}</a></!${h}>
<p>${a.summary}</p>
<p class="meta">${ctx.t('article.reviewedOn', { date: dayText(ctx.lang, a.reviewed_at) })}</p>
</li>`,
    )
    .join('')}</ul>`;
}

export function testimonialCard(ctx: ViewContext, t: Testimonial, className = 'testimonial'): string {
  return html`<figure class="${className}" lang="${t.lang}">
<blockquote><p>${t.quote}</p></blockquote>
<figcaption><p class="who">— ${t.who}</p>
<p class="disclosure"><strong>${ctx.t('testimonial.disclosure')}:</strong> ${t.disclosure}</p></figcaption>
</figure>`;
}
