import type { Evidence, Lang, Topic, TopicKind } from '#src/db/types.ts';
import type { ArticleSummary } from '#src/db/types.ts';
import { breadcrumbLd, conditionLd, type Crumb } from '#src/web/jsonld.ts';
import type { ViewContext } from '#src/web/context.ts';
import { html } from '#src/web/html.ts';
import type { MessageKey } from '#src/web/i18n/index.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { shortForm } from '#src/web/consult-parts.ts';
import { reportLink } from '#src/web/report-link.ts';
import { layout } from '#src/web/layout.ts';
import { articleList, breadcrumbs } from '#src/web/parts.ts';
import { topicPath } from '#src/web/topics.ts';

const sectionTitle: Record<TopicKind, MessageKey> = { condition: 'topic.conditions', treatment: 'topic.treatments' };
const sectionDescription: Record<TopicKind, MessageKey> = { condition: 'topic.conditions.description', treatment: 'topic.treatments.description' };
const sectionPath: Record<TopicKind, string> = { condition: '/conditions', treatment: '/treatments' };

function evidenceBadge(ctx: ViewContext, evidence: Evidence): string {
  return html`<span class="badge badge-${evidence}"><span class="visually-hidden">${ctx.t('evidence.label')}: </span>${ctx.t(`evidence.${evidence}`)}</span>`;
}

function evidenceBox(ctx: ViewContext, topic: Topic): string {
  if (!topic.evidence) return '';
  return html`<section class="evidence evidence-${topic.evidence}" aria-labelledby="cs-evidence">
<h2 id="cs-evidence">${ctx.t('evidence.label')}: !${evidenceBadge(ctx, topic.evidence)}</h2>
<p>${ctx.t(`evidence.${topic.evidence}.text`)}</p>
!${topic.evidence_note ? html`<p>${topic.evidence_note}</p>` : ''}
</section>`;
}

export function topicView(ctx: ViewContext, topic: Topic, articles: ArticleSummary[], languages: Lang[]): string {
  const path = localePath(ctx.lang, topicPath(topic.kind, topic.slug));
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: ctx.t(sectionTitle[topic.kind]), path: localePath(ctx.lang, sectionPath[topic.kind]) },
    { name: topic.title, path },
  ];
  const aka = JSON.parse(topic.also_known_as) as string[];
  const main = html`!${breadcrumbs(ctx, crumbs)}
<article class="topic" lang="${topic.lang}">
<h1>${topic.title}</h1>
<p class="summary">${topic.summary}</p>
!${aka.length ? html`<p class="aka">${ctx.t('topic.aka', { names: aka.join(', ') })}</p>` : ''}
!${evidenceBox(ctx, topic)}
<div class="prose">!${topic.body_html}</div>
</article>
<section aria-labelledby="cs-topic-articles">
<h2 id="cs-topic-articles">${ctx.t('topic.articles', { topic: topic.title })}</h2>
!${articleList(ctx, articles, 3)}
</section>
!${shortForm(ctx, path)}
!${reportLink(ctx, path)}`;
  return layout(
    ctx,
    {
      title: topic.title,
      description: topic.summary,
      path,
      alternates: languages.map((lang) => ({ lang, path: localePath(lang, topicPath(topic.kind, topic.slug)) })),
      jsonLd: [conditionLd(ctx, topic, path), breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}

export function topicIndexView(ctx: ViewContext, kind: TopicKind, topics: Topic[]): string {
  const path = localePath(ctx.lang, sectionPath[kind]);
  const crumbs: Crumb[] = [
    { name: ctx.t('nav.home'), path: localePath(ctx.lang, '/') },
    { name: ctx.t(sectionTitle[kind]), path },
  ];
  const main = html`!${breadcrumbs(ctx, crumbs)}<h1>${ctx.t(sectionTitle[kind])}</h1>
<p class="summary">${ctx.t(sectionDescription[kind])}</p>
<ul class="cards">!${topics
    .map(
      (t) => html`<li class="card"><h2><a href="${localePath(ctx.lang, topicPath(t.kind, t.slug))}">${t.title}</a></h2>
!${t.evidence ? html`<p>!${evidenceBadge(ctx, t.evidence)}</p>` : ''}<p>${t.summary}</p></li>`,
    )
    .join('')}</ul>`;
  return layout(
    ctx,
    {
      title: ctx.t(sectionTitle[kind]),
      description: ctx.t(sectionDescription[kind]),
      path,
      alternates: [{ lang: 'en', path: sectionPath[kind] }, { lang: 'ur', path: localePath('ur', sectionPath[kind]) }],
      jsonLd: [breadcrumbLd(ctx, crumbs)],
    },
    main,
  );
}
