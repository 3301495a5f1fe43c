import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './connection.ts';
import * as content from './migrations/001-content.ts';
import * as staff from './migrations/002-staff.ts';
import * as search from './migrations/003-search.ts';
import * as translator from './migrations/004-translator.ts';
import * as auditBounds from './migrations/005-audit-bounds.ts';
import * as outboxMessageIds from './migrations/006-outbox.ts';
import * as searchTable from './migrations/007-search-table.ts';
import * as consultations from './migrations/008-consultations.ts';
import * as bookings from './migrations/009-bookings.ts';
import * as editorial from './migrations/010-editorial.ts';
import * as media from './migrations/011-media.ts';

/** Migrations are listed here, in order, so they run the same from source, tests and the CLI. */
const steps = { '001-content': content, '002-staff': staff, '003-search': search, '004-translator': translator, '005-audit-bounds': auditBounds, '006-outbox': outboxMessageIds, '007-search-table': searchTable, '008-consultations': consultations, '009-bookings': bookings, '010-editorial': editorial, '011-media': media };

class ListedMigrations implements MigrationProvider {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(steps)) {
      out[name] = { up: (k) => step.up(k, this.db.dialect), down: (k) => step.down(k, this.db.dialect) };
    }
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables live in the connection's own schema (search_path), so
  // several Caresite databases can share one server, one schema each.
  const schema =
    db.dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db.kysely)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db: db.kysely, provider: new ListedMigrations(db), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
