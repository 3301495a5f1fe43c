import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Each outbox row gets the unique part of its Message-ID once, so every attempt at sending it carries
 * the same one and a receiving server can drop a duplicate. SQLite cannot add a NOT NULL column
 * without a default; the '' is filled at once here and never written by the app.
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('message_token', 'text', (c) => c.notNull().defaultTo('')).execute();
  const random = dialect === 'sqlite' ? sql`lower(hex(randomblob(16)))` : sql`md5(random()::text || clock_timestamp()::text || id::text)`;
  await sql`UPDATE outbox SET message_token = ${random} WHERE message_token = ''`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('message_token').execute();
}
