import type { Kysely } from 'kysely';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** A translated article names its translator, as the editorial policy promises readers. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('articles').addColumn('translator_id', 'integer', (c) => c.references('people.id')).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('translator_id').execute();
}
