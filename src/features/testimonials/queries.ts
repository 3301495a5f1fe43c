import type { Kysely } from 'kysely';
import type { Database, Lang, Testimonial } from '#src/db/types.ts';

export function findTestimonial(db: Kysely<Database>, id: string): Promise<Testimonial | undefined> {
  return db.selectFrom('testimonials').selectAll().where('id', '=', id).executeTakeFirst();
}

export function featuredTestimonials(db: Kysely<Database>, lang: Lang, limit: number): Promise<Testimonial[]> {
  return db.selectFrom('testimonials').selectAll().where('lang', '=', lang).where('featured', '=', 1).orderBy('id').limit(limit).execute();
}

export async function upsertTestimonial(db: Kysely<Database>, t: Testimonial): Promise<void> {
  const { id, ...rest } = t;
  await db.insertInto('testimonials').values(t).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
}

export function listTestimonials(db: Kysely<Database>): Promise<Testimonial[]> {
  return db.selectFrom('testimonials').selectAll().orderBy('id').execute();
}
