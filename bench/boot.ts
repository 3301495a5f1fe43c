import { buildApp, type App, type AppOptions } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { importContent } from '#src/content/importer.ts';
import { connect } from '#src/db/connection.ts';
import { migrateToLatest } from '#src/db/migrate.ts';

const demoContent = new URL('../content/demo/', import.meta.url).pathname;

/** The real app on a fresh in-memory SQLite database loaded with the demo content, as in test/helper.ts. */
export async function bootApp(baseUrl = 'http://127.0.0.1', logger: AppOptions['logger'] = false): Promise<App & { close(): Promise<void> }> {
  const db = connect('sqlite::memory:');
  await migrateToLatest(db);
  const app = await buildApp({ config: loadConfig({ BASE_URL: baseUrl }), db, logger, contentPollMs: 0 });
  await importContent(app.services, demoContent);
  await app.fastify.ready();
  return {
    ...app,
    close: async () => {
      await app.fastify.close();
      await db.close();
    },
  };
}
