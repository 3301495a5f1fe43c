import type { Person } from '#src/db/types.ts';
import type { ArticleSummary } from '#src/db/types.ts';
import { breadcrumbLd, personLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { layout } from '#src/web/layout.ts';
import { articleList, breadcrumbs, personPath } from '#src/web/parts.ts';
import { hasRole, initials } from './rules.ts';

function portrait(person: Person): string {
  if (person.photo) return html`<img class="portrait" src="${person.photo}" alt="${person.name}" width="160" height="160">`;
  return html`<span class="portrait initials" aria-hidden="true">${initials(person.name)}</span>`;
}

/** One list of a person's articles in the page's language; nothing at all when there are none. */
function workList(ctx: ViewContext, kind: 'wrote' | 'reviewed' | 'translated', items: ArticleSummary[]): string {
  if (items.length === 0) return '';
  return html`<section aria-labelledby="cs-${kind}"><h2 id="cs-${kind}">${ctx.t(`person.${kind}`)}</h2>!${articleList(ctx, items, 3)}</section>`;
}

export function personView(ctx: ViewContext, person: Person, work: { wrote: ArticleSummary[]; reviewed: ArticleSummary[]; translated: ArticleSummary[] }): string {
  const path = personPath(ctx.lang, person.slug);
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: person.name, path },
  ];
  const roles = (['author', 'reviewer'] as const).filter((r) => hasRole(person, r)).map((r) => ctx.t(`person.roles.${r}`));
  const inLang = (items: ArticleSummary[]) => items.filter((a) => a.lang === ctx.lang);
  const main = html`!${breadcrumbs(ctx, crumbs)}
<div class="person">
!${portrait(person)}
<div>
<h1>${person.name}</h1>
<p class="credentials">${person.credentials}</p>
<p>${person.specialty} · ${roles.join(' · ')}</p>
!${person.registration ? html`<p>${ctx.t('person.registration', { number: person.registration })}</p>` : ''}
</div>
</div>
<div class="prose" lang="en" dir="ltr">!${person.bio_html}</div>
!${workList(ctx, 'wrote', inLang(work.wrote))}
!${workList(ctx, 'reviewed', inLang(work.reviewed))}
!${workList(ctx, 'translated', inLang(work.translated))}`;
  return layout(
    ctx,
    {
      title: person.name,
      description: `${person.name}, ${person.credentials}. ${person.specialty}.`,
      path,
      alternates: [{ lang: 'en', path: personPath('en', person.slug) }, { lang: 'ur', path: personPath('ur', person.slug) }],
      ogType: 'profile',
      jsonLd: [personLd(ctx, person, path), breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}
