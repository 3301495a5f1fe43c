import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemoIfEmpty } from './content/demo.ts';
import { createMailer } from './jobs/mailer.ts';
import { OutboxWorker } from './jobs/outbox.ts';

/** Process entry: config → database → migrations → demo content → app → listen → graceful shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const db = connect(config.databaseUrl);
  await migrateToLatest(db);
  const mailer = createMailer(config);
  const { fastify, services } = await buildApp({ config, db, mailMode: mailer.describe() });
  const loaded = await loadDemoIfEmpty(services, config.contentDir);
  if (loaded) fastify.log.info(loaded, `empty database: loaded content from ${config.contentDir}`);
  await fastify.listen({ port: config.port, host: config.host });
  fastify.log.info(`Caresite is serving ${config.baseUrl} (database: ${db.dialect})`);
  fastify.log.info(`mail: ${mailer.describe()}`);
  const worker = new OutboxWorker({ db, mailer, log: fastify.log });
  worker.start();
  const housekeeping = setInterval(() => services.staff.purgeExpired().catch((err: unknown) => fastify.log.warn({ err }, 'housekeeping failed')), 3_600_000);
  housekeeping.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    fastify.log.info(`${signal}: finishing open requests, then stopping`);
    clearInterval(housekeeping);
    await fastify.close();
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
