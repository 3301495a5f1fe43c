import { breadcrumbLd, clinicLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { breadcrumbs } from '#src/web/parts.ts';
import { contactDetails } from '#src/web/contact.ts';

export function consultationView(ctx: ViewContext): string {
  const path = localePath(ctx.lang, '/consultation');
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: ctx.t('consult.title'), path },
  ];
  const main = html`!${breadcrumbs(ctx, crumbs)}<h1>${ctx.t('consult.title')}</h1>
<p class="summary">${ctx.t('consult.intro')}</p>
!${contactDetails(ctx)}`;
  return layout(
    ctx,
    {
      title: ctx.t('consult.title'),
      description: ctx.t('consult.intro'),
      path,
      alternates: [{ lang: 'en', path: '/consultation' }, { lang: 'ur', path: '/ur/consultation' }],
      jsonLd: [clinicLd(ctx), breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}
