import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The editorial workflow: every save of an article is a revision; the workflow row says which
 * revision is being written, which one a medical reviewer approved and which one readers see.
 * The `articles` table keeps holding only what is published, so readers never see a draft.
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const id = dialect === 'sqlite' ? 'integer' : 'serial';
  await db.schema
    .createTable('article_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    /** The whole article as the editor holds it (title, body in Markdown, topics, people, references…). */
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('edit', 'autosave', 'import', 'restore', 'existing')`))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** When a reviewer approved despite open claim errors: the reason, kept with the revision. */
    .addColumn('approval_reason', 'text')
    .addUniqueConstraint('article_revisions_number', ['slug', 'lang', 'number'])
    .execute();

  await db.schema
    .createTable('article_workflow')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'in_review', 'approved', 'scheduled', 'published')`))
    .addColumn('head_revision_id', 'integer', (c) => c.notNull().references('article_revisions.id'))
    .addColumn('approved_revision_id', 'integer', (c) => c.references('article_revisions.id'))
    .addColumn('published_revision_id', 'integer', (c) => c.references('article_revisions.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', 'text')
    .addColumn('next_review_at', 'text')
    .addColumn('publish_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_workflow_pk', ['slug', 'lang'])
    .execute();
  await db.schema.createIndex('article_workflow_status').on('article_workflow').columns(['status', 'publish_at']).execute();

  // "Report a problem with this page": what readers tell the editors, in their queue until resolved.
  await db.schema
    .createTable('content_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('wrong', 'outdated', 'unclear', 'broken', 'other')`))
    .addColumn('details', 'text', (c) => c.notNull())
    /** Only to answer the reader; erased when the report is resolved. */
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved', 'spam')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('content_reports_status').on('content_reports').columns(['status', 'created_at']).execute();

  // A staff account signs off as the public profile it is linked to (the reviewer readers see).
  await db.schema.alterTable('users').addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null')).execute();
  await db.schema.alterTable('articles').addColumn('conflict_of_interest', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('conflict_of_interest').execute();
  await db.schema.alterTable('users').dropColumn('person_id').execute();
  await db.schema.dropTable('content_reports').execute();
  await db.schema.dropTable('article_workflow').execute();
  await db.schema.dropTable('article_revisions').execute();
}
