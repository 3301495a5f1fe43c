import type { Lang, Page } from '#src/db/types.ts';
import { contactDetails } from '#src/web/contact.ts';
import { breadcrumbLd, clinicLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { breadcrumbs } from '#src/web/parts.ts';

export function staticPageView(ctx: ViewContext, page: Page, languages: Lang[]): string {
  const path = localePath(ctx.lang, `/${page.slug}`);
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: page.title, path },
  ];
  const main = html`!${breadcrumbs(ctx, crumbs)}
<article class="page" lang="${page.lang}">
<h1>${page.title}</h1>
<p class="summary">${page.summary}</p>
!${page.slug === 'contact' ? contactDetails(ctx) : ''}
<div class="prose">!${page.body_html}</div>
</article>`;
  return layout(
    ctx,
    {
      title: page.title,
      description: page.summary,
      path,
      alternates: languages.map((lang) => ({ lang, path: localePath(lang, `/${page.slug}`) })),
      jsonLd: [breadcrumbLd(ctx, crumbs), ...(page.slug === 'about' || page.slug === 'contact' ? [clinicLd(ctx)] : [])],
    },
    main,
  );
}
