import type { Testimonial, Topic } from '#src/db/types.ts';
import type { ArticleSummary } from '#src/db/types.ts';
import { clinicLd } from '#src/web/jsonld.ts';
import { pick } from '#src/web/clinic.ts';
import { topicPath } from '#src/web/topics.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { clinicName } from '#src/web/clinic.ts';
import { articleList, testimonialCard } from '#src/web/parts.ts';

export interface HomeData {
  conditions: Topic[];
  latest: ArticleSummary[];
  testimonials: Testimonial[];
}

export function homeView(ctx: ViewContext, data: HomeData): string {
  const tagline = pick(ctx.clinic.tagline, ctx.lang);
  const name = clinicName(ctx.clinic, ctx.lang);
  const main = html`<section class="hero">
<h1>${name}</h1>
<p class="tagline">${tagline}</p>
<p><a class="button" href="${localePath(ctx.lang, '/consultation')}">${ctx.t('cta.consult')}</a></p>
</section>
<section aria-labelledby="cs-featured">
<h2 id="cs-featured">${ctx.t('home.featured')}</h2>
<ul class="cards topics">!${data.conditions
    .map((t) => html`<li class="card"><h3><a href="${localePath(ctx.lang, topicPath('condition', t.slug))}">${t.title}</a></h3><p>${t.summary}</p></li>`)
    .join('')}</ul>
</section>
<section aria-labelledby="cs-latest">
<h2 id="cs-latest">${ctx.t('home.latest')}</h2>
!${articleList(ctx, data.latest, 3)}
<p><a href="${localePath(ctx.lang, '/articles')}">${ctx.t('home.all')}</a></p>
</section>
!${data.testimonials.length
    ? html`<section aria-labelledby="cs-testimonials"><h2 id="cs-testimonials">${ctx.t('home.testimonials')}</h2>
<div class="testimonials">!${data.testimonials.map((t) => testimonialCard(ctx, t)).join('')}</div></section>`
    : ''}`;
  return layout(
    ctx,
    {
      title: `${name} — ${tagline}`,
      description: tagline,
      path: localePath(ctx.lang, '/'),
      alternates: [{ lang: 'en', path: '/' }, { lang: 'ur', path: '/ur/' }],
      jsonLd: [clinicLd(ctx), { '@context': 'https://schema.org', '@type': 'WebSite', name, url: ctx.baseUrl + '/', potentialAction: { '@type': 'SearchAction', target: `${ctx.baseUrl}/search?q={q}`, 'query-input': 'required name=q' } }],
    },
    main,
  );
}
