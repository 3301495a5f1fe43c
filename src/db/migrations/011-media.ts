import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Images editors upload for articles. The bytes live in the database, not on one process's disk,
 * so every process on a shared PostgreSQL serves them. `id` is the start of the original's SHA-256:
 * the same picture always has the same address, and an address never names another picture (its
 * variants are served as immutable).
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    /** The original's size as it is shown (EXIF orientation applied). */
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    /** The alt text typed at upload (English or Urdu), offered again in the Markdown to insert. */
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_created_at').on('media').column('created_at').execute();

  await db.schema
    .createTable('media_variants')
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('width', 'integer', (c) => c.notNull())
    /** avif and webp at each width; one jpg or png for browsers that read neither. */
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('avif', 'webp', 'jpg', 'png')`))
    .addColumn('bytes', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('byte_length', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_variants_pk', ['media_id', 'width', 'format'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('media_variants').execute();
  await db.schema.dropTable('media').execute();
}
