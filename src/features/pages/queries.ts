import type { Kysely } from 'kysely';
import type { Database, Lang, Page } from '#src/db/types.ts';

export function findPage(db: Kysely<Database>, slug: string, lang: Lang): Promise<Page | undefined> {
  return db.selectFrom('pages').selectAll().where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
}

export function listPages(db: Kysely<Database>): Promise<Page[]> {
  return db.selectFrom('pages').selectAll().orderBy('slug').execute();
}

export async function pageLanguages(db: Kysely<Database>, slug: string): Promise<Lang[]> {
  const rows = await db.selectFrom('pages').select('lang').where('slug', '=', slug).execute();
  return rows.map((r) => r.lang);
}

export async function upsertPage(db: Kysely<Database>, page: Page): Promise<void> {
  const { slug, lang, ...rest } = page;
  await db.insertInto('pages').values(page).onConflict((oc) => oc.columns(['slug', 'lang']).doUpdateSet(rest)).execute();
}
