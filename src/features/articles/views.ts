import type { Topic } from '#src/db/types.ts';
import type { TocEntry } from '#src/content/markdown.ts';
import { isLink, referenceParts, type ReferencePart } from '#src/content/references.ts';
import { breadcrumbLd, clinicLd, reviewerRef, type Crumb } from '#src/web/jsonld.ts';
import { isExperimental, topicPath } from '#src/web/topics.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html, rich } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { shortForm } from '#src/web/consult-parts.ts';
import { layout } from '#src/web/layout.ts';
import { articleList, articlePath, breadcrumbs, dayText, personPath, testimonialCard } from '#src/web/parts.ts';
import type { ArticleDetail, ArticlePage } from './service.ts';
import { parseVideo } from './rules.ts';
import { shareLinks } from './share.ts';

function experimentalNotices(ctx: ViewContext, treatments: Topic[]): string {
  return treatments
    .filter((t) => isExperimental(t.evidence))
    .map(
      (t) => html`<div class="notice notice-warning" role="note">
<p>${ctx.t('article.experimental', { topic: t.title })} <a href="${localePath(ctx.lang, topicPath('treatment', t.slug))}">${ctx.t('article.experimental.link', { topic: t.title })}</a></p>
</div>`,
    )
    .join('');
}

function byline(ctx: ViewContext, d: ArticleDetail): string {
  const a = d.article;
  const overdue = d.reviewState === 'overdue';
  const reviewer = html`<a href="${personPath(ctx.lang, d.reviewer.slug)}">${d.reviewer.name}</a>`;
  const time = (date: string) => html`<time datetime="${date}">${dayText(ctx.lang, date)}</time>`;
  const reviewedText = rich(ctx.t('article.reviewedBy', { credentials: d.reviewer.credentials }), { name: reviewer, date: time(a.reviewed_at) });
  const author = html`<a href="${personPath(ctx.lang, d.author.slug)}">${d.author.name}</a>`;
  const translator = d.translator ? html` · !${rich(ctx.t('article.translatedBy'), { name: html`<a href="${personPath(ctx.lang, d.translator.slug)}">${d.translator.name}</a>` })}` : '';
  return html`<div class="byline">
<p>!${rich(ctx.t('article.by'), { name: author })}!${translator} · !${rich(ctx.t('article.published'), { date: time(a.published_at) })}!${a.updated_at > a.published_at ? html` · !${rich(ctx.t('article.updated'), { date: time(a.updated_at) })}` : ''}</p>
<p class="reviewed">!${reviewedText}</p>
<p>!${rich(ctx.t('article.nextReview'), { date: time(a.next_review_at) })}</p>
!${overdue ? html`<p class="notice notice-warning" role="note">${ctx.t('article.overdue', { date: dayText(ctx.lang, a.next_review_at) })}</p>` : ''}
</div>`;
}

/** h2 entries numbered, each with its h3 entries nested under it. */
function tocList(entries: TocEntry[]): string {
  const groups: { entry: TocEntry; children: TocEntry[] }[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (entry.depth === 3 && last) last.children.push(entry);
    else groups.push({ entry, children: [] });
  }
  const link = (e: TocEntry) => html`<a href="#${e.id}">${e.text}</a>`;
  return html`<ol>!${groups
    .map((g) => html`<li>!${link(g.entry)}!${g.children.length ? html`<ul>!${g.children.map((c) => html`<li>!${link(c)}</li>`).join('')}</ul>` : ''}</li>`)
    .join('')}</ol>`;
}

function toc(ctx: ViewContext, d: ArticleDetail): string {
  if (d.toc.length === 0) return '';
  return html`<nav class="toc" aria-labelledby="cs-toc">
<h2 id="cs-toc">${ctx.t('article.toc')}</h2>
!${tocList(d.toc)}
</nav>`;
}

function video(ctx: ViewContext, d: ArticleDetail): string {
  const v = d.article.video_url ? parseVideo(d.article.video_url) : null;
  if (!v) return '';
  return html`<figure class="video" data-embed="${v.embedUrl}" data-title="${d.article.title}">
<a class="video-facade" href="${v.watchUrl}" rel="noopener"><span class="play" aria-hidden="true">▶</span> ${ctx.t('article.video.play', { title: d.article.title })}</a>
<figcaption>${ctx.t('article.video.notice', { host: v.host })}</figcaption>
</figure>`;
}

/** One reference: its text escaped, each identifier in it a link to its registry. */
export function referenceHtml(parts: ReferencePart[]): string {
  return parts.map((p) => (isLink(p) ? html`<a href="${p.href}" rel="noopener">${p.text}</a>` : html`${p.text}`)).join('');
}

// A reference's HTML depends on its text alone, and finding the identifiers in it (four patterns
// tried at each character) took 0.15 of the 0.24 ms that rendering the ALS article took: each text
// is read once, and a page rendered again (after a content change, or dropped from the cache) finds
// its references ready. Bounded, and simply emptied when full (the demo has a few dozen references,
// a large clinic's site a few thousand).
const referenceMemo = new Map<string, string>();
const REFERENCE_MEMO_MAX = 5000;

function referenceItem(text: string): string {
  let out = referenceMemo.get(text);
  if (out === undefined) {
    out = referenceHtml(referenceParts(text));
    if (referenceMemo.size >= REFERENCE_MEMO_MAX) referenceMemo.clear();
    referenceMemo.set(text, out);
  }
  return out;
}

function references(ctx: ViewContext, d: ArticleDetail): string {
  if (d.references.length === 0) return '';
  return html`<section class="references" aria-labelledby="cs-references">
<h2 id="cs-references">${ctx.t('article.references')}</h2>
<ol>!${d.references.map((r, i) => html`<li id="ref-${i + 1}" dir="auto">!${referenceItem(r)}</li>`).join('')}</ol>
</section>`;
}

function shareBar(ctx: ViewContext, url: string, title: string): string {
  return html`<section class="share" aria-labelledby="cs-share">
<h2 id="cs-share">${ctx.t('share.title')}</h2>
<ul>!${shareLinks(url, title, ctx.t('share.email'))
    .map((l) => html`<li><a class="share-${l.id}" href="${l.href}" rel="noopener nofollow">${l.label}</a></li>`)
    .join('')}
<li><button type="button" class="share-native" data-url="${url}" data-title="${title}" hidden>${ctx.t('share.native')}</button></li>
<li><button type="button" class="share-copy" data-url="${url}" data-done="${ctx.t('share.copied')}" hidden>${ctx.t('share.copy')}</button></li>
</ul>
<p class="share-url"><a href="${url}">${url}</a></p>
</section>`;
}

function articleCrumbs(ctx: ViewContext, d: ArticleDetail): Crumb[] {
  const crumbs: Crumb[] = [{ name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') }];
  const condition = d.conditions[0];
  if (condition) crumbs.push({ name: condition.title, path: localePath(ctx.lang, topicPath('condition', condition.slug)) });
  else crumbs.push({ name: ctx.t('nav.articles'), path: localePath(ctx.lang, '/articles') });
  crumbs.push({ name: d.article.title, path: articlePath(ctx.lang, d.article.slug) });
  return crumbs;
}

function articleLd(ctx: ViewContext, d: ArticleDetail, url: string): object {
  const a = d.article;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: a.title,
    headline: a.title,
    description: a.summary,
    url,
    inLanguage: a.lang,
    datePublished: a.published_at,
    dateModified: a.updated_at,
    lastReviewed: a.reviewed_at,
    reviewedBy: reviewerRef(ctx, d.reviewer, personPath(ctx.lang, d.reviewer.slug)),
    author: reviewerRef(ctx, d.author, personPath(ctx.lang, d.author.slug)),
    ...(d.translator ? { translator: reviewerRef(ctx, d.translator, personPath(ctx.lang, d.translator.slug)) } : {}),
    publisher: { '@id': `${ctx.baseUrl}/#clinic` },
    about: [...d.conditions, ...d.treatments].map((t) => ({ '@type': t.kind === 'condition' ? 'MedicalCondition' : 'MedicalTherapy', name: t.title })),
  };
}

export function articleView(ctx: ViewContext, d: ArticleDetail): string {
  const a = d.article;
  const path = articlePath(ctx.lang, a.slug);
  const url = ctx.baseUrl + path;
  const crumbs = articleCrumbs(ctx, d);
  const main = html`!${breadcrumbs(ctx, crumbs)}
<article class="article" lang="${a.lang}">
<header>
<h1>${a.title}</h1>
<p class="summary">${a.summary}</p>
!${experimentalNotices(ctx, d.treatments)}
!${byline(ctx, d)}
</header>
!${d.testimonial ? testimonialCard(ctx, d.testimonial, 'testimonial pull-quote') : ''}
!${toc(ctx, d)}
!${video(ctx, d)}
<div class="prose">!${a.body_html}</div>
!${references(ctx, d)}
</article>
!${shareBar(ctx, url, a.title)}
!${d.related.length ? html`<section class="related" aria-labelledby="cs-related"><h2 id="cs-related">${ctx.t('article.related')}</h2>!${articleList(ctx, d.related, 3)}</section>` : ''}
!${shortForm(ctx, path)}
<p class="disclaimer">${ctx.t('article.disclaimer')}</p>`;
  return layout(
    ctx,
    {
      title: a.title,
      description: a.summary,
      path,
      alternates: d.languages.map((lang) => ({ lang, path: articlePath(lang, a.slug) })),
      ogType: 'article',
      jsonLd: [articleLd(ctx, d, url), breadcrumbLd(ctx, crumbs), clinicLd(ctx)],
    },
    main,
  );
}

export function articleIndexView(ctx: ViewContext, p: ArticlePage, otherLangHasArticles: boolean): string {
  const base = localePath(ctx.lang, '/articles');
  const pagePath = (n: number) => (n === 1 ? base : `${base}?page=${n}`);
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: ctx.t('articles.title'), path: pagePath(p.page) },
  ];
  const pager =
    p.pages > 1
      ? html`<nav class="pager" aria-label="${ctx.t('pagination')}">
!${p.page > 1 ? html`<a rel="prev" href="${pagePath(p.page - 1)}">${ctx.t('pagination.prev')}</a>` : ''}
<span>${ctx.t('articles.page', { n: p.page, total: p.pages })}</span>
!${p.page < p.pages ? html`<a rel="next" href="${pagePath(p.page + 1)}">${ctx.t('pagination.next')}</a>` : ''}
</nav>`
      : '';
  const main = html`!${breadcrumbs(ctx, crumbs)}<h1>${ctx.t('articles.title')}</h1>
<p class="summary">${ctx.t('articles.description')}</p>
!${articleList(ctx, p.items)}
!${pager}
!${shortForm(ctx, pagePath(p.page))}`;
  const other = ctx.lang === 'en' ? 'ur' : 'en';
  return layout(
    ctx,
    {
      title: p.page > 1 ? `${ctx.t('articles.title')} — ${ctx.t('articles.page', { n: p.page, total: p.pages })}` : ctx.t('articles.title'),
      description: ctx.t('articles.description'),
      path: pagePath(p.page),
      alternates: [{ lang: ctx.lang, path: pagePath(p.page) }, ...(otherLangHasArticles && p.page === 1 ? [{ lang: other, path: localePath(other, '/articles') } as const] : [])],
      jsonLd: [breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}
