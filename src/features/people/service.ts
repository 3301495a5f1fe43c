import type { Kysely } from 'kysely';
import { z } from 'zod';
import { renderMarkdown } from '#src/content/render-markdown.ts';
import type { Database, Person } from '#src/db/types.ts';
import { hasRole } from './rules.ts';
import { findPeopleByIds, findPersonBySlug, listPeople, upsertPerson } from './queries.ts';

export const personInput = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens'),
  name: z.string().min(1),
  roles: z.array(z.enum(['author', 'reviewer'])).min(1),
  credentials: z.string().min(1),
  specialty: z.string().min(1),
  registration: z.string().optional(),
  photo: z.string().optional(),
  bio: z.string().default(''),
});
export type PersonInput = z.input<typeof personInput>;
export type Role = 'author' | 'reviewer';

export class PeopleService {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;
  constructor(db: Kysely<Database>, now: () => Date = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  /** Whether a person may act in a role (e.g. sign off an article as its medical reviewer). */
  hasRole(person: Person, role: Role): boolean {
    return hasRole(person, role);
  }

  bySlug(slug: string): Promise<Person | undefined> {
    return findPersonBySlug(this.db, slug);
  }

  async byIds(ids: number[]): Promise<Map<number, Person>> {
    const people = await findPeopleByIds(this.db, [...new Set(ids)]);
    return new Map(people.map((p) => [p.id, p]));
  }

  all(): Promise<Person[]> {
    return listPeople(this.db);
  }

  async save(input: PersonInput): Promise<number> {
    const p = personInput.parse(input);
    return upsertPerson(this.db, {
      slug: p.slug,
      name: p.name,
      roles: p.roles.join(','),
      credentials: p.credentials,
      specialty: p.specialty,
      registration: p.registration ?? null,
      photo: p.photo ?? null,
      bio_html: (await renderMarkdown(p.bio)).html,
      updated_at: this.now().toISOString(),
    });
  }
}
