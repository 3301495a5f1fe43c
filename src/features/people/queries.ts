import type { Kysely } from 'kysely';
import type { Database, NewPerson, Person } from '#src/db/types.ts';

export function findPersonBySlug(db: Kysely<Database>, slug: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findPeopleByIds(db: Kysely<Database>, ids: number[]): Promise<Person[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
}

export function listPeople(db: Kysely<Database>): Promise<Person[]> {
  return db.selectFrom('people').selectAll().orderBy('name').execute();
}

export async function upsertPerson(db: Kysely<Database>, person: NewPerson): Promise<number> {
  const { slug, ...rest } = person;
  const row = await db
    .insertInto('people')
    .values(person)
    .onConflict((oc) => oc.column('slug').doUpdateSet(rest))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
