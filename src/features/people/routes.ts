import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { personView } from './views.ts';

export function peopleRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { people, articles } = deps.services;
  publicPage(app, deps, '/people/:slug', async (ctx, request) => {
    const { slug } = request.params as { slug: string };
    const person = await people.bySlug(slug);
    return person ? personView(ctx, person, await articles.byPerson(person.id)) : null;
  });
}
