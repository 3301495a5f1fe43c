import type { FastifyInstance } from 'fastify';
import type { TopicKind } from '#src/db/types.ts';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { topicIndexView, topicView } from './views.ts';

export function topicRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { topics, articles } = deps.services;
  const sections: [string, TopicKind][] = [
    ['/conditions', 'condition'],
    ['/treatments', 'treatment'],
  ];
  for (const [path, kind] of sections) {
    publicPage(app, deps, path, async (ctx) => topicIndexView(ctx, kind, await topics.list(ctx.lang, kind)));
    publicPage(app, deps, `${path}/:slug`, async (ctx, request) => {
      const { slug } = request.params as { slug: string };
      const topic = await topics.find(kind, slug, ctx.lang);
      if (!topic) return null;
      const [list, languages] = await Promise.all([articles.forTopic(slug, ctx.lang), topics.languages(kind, slug)]);
      return topicView(ctx, topic, list, languages);
    });
  }
}
