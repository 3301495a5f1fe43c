import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Lang, Testimonial } from '#src/db/types.ts';
import { featuredTestimonials, findTestimonial, listTestimonials, upsertTestimonial } from './queries.ts';

const isoDate = z.iso.date();

export const testimonialInput = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  lang: z.enum(['en', 'ur']),
  quote: z.string().min(1),
  who: z.string().min(1),
  condition: z.string().optional(),
  // A testimonial is published only with the date the person's consent was recorded.
  consent_recorded_at: isoDate,
  disclosure: z.string().min(1),
  featured: z.boolean().default(false),
});
export type TestimonialInput = z.input<typeof testimonialInput>;

export class TestimonialsService {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  byId(id: string): Promise<Testimonial | undefined> {
    return findTestimonial(this.db, id);
  }

  /** The pull-quote in the reader's language when a translation (id + "-ur") exists. */
  async forArticle(id: string, lang: Lang): Promise<Testimonial | undefined> {
    if (lang !== 'en') {
      const translated = await findTestimonial(this.db, `${id}-${lang}`);
      if (translated) return translated;
    }
    return findTestimonial(this.db, id);
  }

  all(): Promise<Testimonial[]> {
    return listTestimonials(this.db);
  }

  featured(lang: Lang, limit = 3): Promise<Testimonial[]> {
    return featuredTestimonials(this.db, lang, limit);
  }

  async save(input: TestimonialInput): Promise<void> {
    const t = testimonialInput.parse(input);
    await upsertTestimonial(this.db, {
      id: t.id,
      lang: t.lang,
      quote: t.quote,
      who: t.who,
      condition_slug: t.condition ?? null,
      consent_recorded_at: t.consent_recorded_at,
      disclosure: t.disclosure,
      featured: t.featured ? 1 : 0,
    });
  }
}
