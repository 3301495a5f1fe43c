import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const id = dialect === 'sqlite' ? 'integer' : 'serial';

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('registration', 'text')
    .addColumn('photo', 'text')
    .addColumn('bio_html', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('topics')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('condition', 'treatment')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('also_known_as', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.check(sql`evidence in ('approved', 'trials', 'unproven')`))
    .addColumn('evidence_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('topics_slug_lang', ['slug', 'lang'])
    .execute();

  await db.schema
    .createTable('testimonials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('who', 'text', (c) => c.notNull())
    .addColumn('condition_slug', 'text')
    .addColumn('consent_recorded_at', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('toc_json', 'text', (c) => c.notNull())
    .addColumn('references_json', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('testimonial_id', 'text', (c) => c.references('testimonials.id'))
    .addColumn('video_url', 'text')
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('next_review_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_slug_lang', ['slug', 'lang'])
    .execute();
  await db.schema.createIndex('articles_listing').on('articles').columns(['lang', 'status', 'published_at']).execute();

  await db.schema
    .createTable('article_topics')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('topic_slug', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_topics_pk', ['article_id', 'topic_slug'])
    .execute();
  await db.schema.createIndex('article_topics_topic').on('article_topics').column('topic_slug').execute();

  await db.schema
    .createTable('pages')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pages_pk', ['slug', 'lang'])
    .execute();

  if (dialect === 'sqlite') {
    // rowid = articles.id; kept in step by the articles service in the same transaction as the article.
    await sql`CREATE VIRTUAL TABLE article_fts USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector(CASE WHEN lang = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, title), 'A') ||
      setweight(to_tsvector(CASE WHEN lang = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, summary), 'B') ||
      setweight(to_tsvector(CASE WHEN lang = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, body_text), 'C')
    ) STORED`.execute(db);
    await sql`CREATE INDEX articles_search ON articles USING gin (search_vector)`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['article_fts', 'pages', 'article_topics', 'articles', 'testimonials', 'topics', 'people', 'settings']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
