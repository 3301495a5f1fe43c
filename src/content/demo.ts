import { sql } from 'kysely';
import type { Db } from '#src/db/connection.ts';
import type { Services } from '#src/services.ts';
import type { ImportReport } from './importer.ts';

// One number every Caresite process agrees on for "loading the demo content" (any bigint works,
// as long as it differs from Kysely's migration lock).
const DEMO_LOCK_ID = 4_277_009_102;

// Calls in one process wait for each other (the only case on SQLite, where one process is the norm).
const inProcess = new WeakMap<object, Promise<unknown>>();

function serialized<T>(key: object, work: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  inProcess.set(key, next.catch(() => undefined));
  return next;
}

/**
 * On PostgreSQL, processes starting together take a session advisory lock: the first loads, the
 * others wait for it and then find articles. If the holder dies, its session ends and frees the lock.
 */
async function withDatabaseLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return work();
  return db.kysely.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${sql.lit(DEMO_LOCK_ID)})`.execute(conn);
    try {
      return await work();
    } finally {
      // A lost connection has released the lock already; nothing to undo then.
      await sql`SELECT pg_advisory_unlock(${sql.lit(DEMO_LOCK_ID)})`.execute(conn).catch(() => undefined);
    }
  });
}

/**
 * A new site starts with the demo content so there is something to read; a site with articles is
 * left alone. One caller loads and any others (in this process, or in other processes on the same
 * PostgreSQL database) wait, then see the articles and load nothing.
 */
export async function loadDemoIfEmpty(services: Services, dir: string, db: Db): Promise<ImportReport | null> {
  const loadIfEmpty = async () => {
    const existing = await services.articles.allPublished();
    if (existing.length > 0) return null;
    // The importer (and its YAML parser) is loaded only when there is something to import: a site
    // with content never needs it in a process that serves readers.
    const { importContent } = await import('./importer.ts');
    return importContent(services, dir);
  };
  return serialized(db.kysely, () => withDatabaseLock(db, loadIfEmpty));
}
