import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { sql } from 'kysely';
import { buildApp, type App } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { importContent } from '#src/content/importer.ts';
import { connect, type Db } from '#src/db/connection.ts';
import { migrateToLatest } from '#src/db/migrate.ts';

export const demoContent = new URL('../content/demo/', import.meta.url).pathname;
export const fixtureContent = new URL('./fixtures/content/', import.meta.url).pathname;

/**
 * A fresh, migrated database for one test: in-memory SQLite by default, or a database of its own on
 * the PostgreSQL server named by TEST_DATABASE_URL, dropped when the test ends. (A database, not a
 * schema: Kysely's migrator reads the catalog of every schema, which races with another test file
 * dropping its schema at the same moment.)
 */
export async function testDb(t: Pick<TestContext, 'after'>): Promise<Db> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base || base.startsWith('sqlite:')) {
    const db = connect('sqlite::memory:');
    await migrateToLatest(db);
    t.after(() => db.close());
    return db;
  }
  const name = `caresite_t_${randomBytes(6).toString('hex')}`;
  const admin = connect(base);
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.kysely);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = connect(url.toString());
  const connections = [db];
  extraConnections.set(db, () => {
    const other = connect(url.toString());
    connections.push(other);
    return other;
  });
  await migrateToLatest(db);
  t.after(async () => {
    // Every pool on the database is closed before it is dropped, so no idle connection is cut off.
    await Promise.all(connections.map((c) => c.close()));
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.kysely);
    await admin.close();
  });
  return db;
}

const extraConnections = new WeakMap<Db, () => Db>();

/**
 * Another connection to the same test database, as a second app process would have; closed with the
 * database. In-memory SQLite exists only inside its one connection, so there it is the same one.
 */
export function anotherConnection(db: Db): Db {
  return extraConnections.get(db)?.() ?? db;
}

export const testBaseUrl = 'https://clinic.example.org';

/** Boots the real app on a fresh database loaded with the given content (the demo by default). */
export async function build(t: Pick<TestContext, 'after'>, content: string | null = demoContent, options: { now?: () => Date; sleep?: (ms: number) => Promise<void>; redisUrl?: string; routes?: (fastify: App['fastify']) => void } = {}): Promise<App & { db: Db }> {
  const db = await testDb(t);
  const config = { ...loadConfig({ BASE_URL: testBaseUrl }), databaseUrl: 'test', redisUrl: options.redisUrl };
  const app = await buildApp({ config, db, logger: false, contentPollMs: 0, now: options.now, sleep: options.sleep, mailMode: 'test' });
  if (content) await importContent(app.services, content);
  // A test's own routes (e.g. one that throws a given error), added before the app is ready.
  options.routes?.(app.fastify);
  await app.fastify.ready();
  t.after(() => app.fastify.close());
  return { ...app, db };
}
