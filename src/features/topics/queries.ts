import type { Kysely } from 'kysely';
import type { Database, Lang, NewTopic, Topic, TopicKind } from '#src/db/types.ts';

export function findTopic(db: Kysely<Database>, kind: TopicKind, slug: string, lang: Lang): Promise<Topic | undefined> {
  return db.selectFrom('topics').selectAll().where('kind', '=', kind).where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
}

export function listTopics(db: Kysely<Database>, lang: Lang, kind?: TopicKind): Promise<Topic[]> {
  let q = db.selectFrom('topics').selectAll().where('lang', '=', lang);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('title').execute();
}

export function topicsBySlugs(db: Kysely<Database>, slugs: string[], lang: Lang): Promise<Topic[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('topics').selectAll().where('slug', 'in', slugs).where('lang', '=', lang).orderBy('title').execute();
}

export async function topicLanguages(db: Kysely<Database>, kind: TopicKind, slug: string): Promise<Lang[]> {
  const rows = await db.selectFrom('topics').select('lang').where('kind', '=', kind).where('slug', '=', slug).execute();
  return rows.map((r) => r.lang);
}

export async function upsertTopic(db: Kysely<Database>, topic: NewTopic): Promise<void> {
  const { slug, lang, ...rest } = topic;
  await db
    .insertInto('topics')
    .values(topic)
    .onConflict((oc) => oc.columns(['slug', 'lang']).doUpdateSet(rest))
    .execute();
}
