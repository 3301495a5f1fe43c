import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Refusals (a missing CSRF token, a dead link, a locked sign-in) are counted per client and window
 * here, so that a flood of them becomes a few audit rows with counts instead of one row each.
 * SQLite: `REPLACE` and `INSERT OR REPLACE` delete the old row without firing delete triggers, so
 * an insert that names an id already in the log is refused too.
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('audit_refusals')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_refusals_pk', ['key', 'window_start'])
    .execute();
  await db.schema.createIndex('audit_refusals_window').on('audit_refusals').column('window_start').execute();

  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
      WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sql`DROP TRIGGER IF EXISTS audit_log_no_replace`.execute(db);
  await db.schema.dropTable('audit_refusals').ifExists().execute();
}
