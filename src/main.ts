import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemoIfEmpty } from './content/demo.ts';
import { createMailer, domainOf } from './jobs/mailer.ts';
import { OutboxWorker } from './jobs/outbox.ts';
import { startRetentionJob } from './jobs/retention.ts';

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
  const { fastify, services } = await buildApp({ config, db, mailMode: mailer.describe(), warmCache: true });
  const loaded = await loadDemoIfEmpty(services, config.contentDir, db);
  if (loaded) fastify.log.info(loaded, `empty database: loaded content from ${config.contentDir}`);
  await fastify.listen({ port: config.port, host: config.host });
  fastify.log.info(`Caresite is serving ${config.baseUrl} (database: ${db.dialect})`);
  fastify.log.info(`mail: ${mailer.describe()}`);
  const worker = new OutboxWorker({ db, mailer, log: fastify.log, messageIdDomain: domainOf(config.mailFrom) });
  worker.start();
  const housekeeping = setInterval(() => services.staff.purgeExpired().catch((err: unknown) => fastify.log.warn({ err }, 'housekeeping failed')), 3_600_000);
  housekeeping.unref();
  // Repeated refusals are written to the audit log as one row once their window has ended; do it
  // within a minute of that, so the log is complete even when nobody opens the audit page.
  const refusals = setInterval(() => services.audit.foldEndedRefusals().catch((err: unknown) => fastify.log.warn({ err }, 'audit: writing up refusals failed')), 60_000);
  refusals.unref();
  // Scheduled articles go online within a minute of their time; every process may try, each article is claimed once.
  const publisher = setInterval(() => {
    services.editorial.publishDue().then(
      (n) => n > 0 && fastify.log.info({ published: n }, 'editorial: scheduled articles published'),
      (err: unknown) => fastify.log.warn({ err }, 'editorial: publishing scheduled articles failed'),
    );
  }, 60_000);
  publisher.unref();
  const retention = startRetentionJob({ dataRights: services.consultations.dataRights, settings: services.settings, log: fastify.log });

  // On SIGTERM/SIGINT (or an uncaught error): finish the requests in flight and the email being
  // sent, then exit 0. Past the deadline, or on a second signal, exit 1 at once: a stuck client or
  // mail server must not keep a process alive, and the outbox lease lets another worker resend.
  const deadlineMs = config.shutdownSeconds * 1000;
  closeWithGrace(
    {
      delay: deadlineMs,
      logger: { error: (message: unknown) => fastify.log.error(String(message)) },
      onTimeout: () => fastify.log.error(`shutdown: still busy after ${deadlineMs} ms (SHUTDOWN_SECONDS), exiting with work unfinished`),
      onSecondSignal: (signal) => fastify.log.error(`shutdown: second ${signal}, exiting at once`),
    },
    async ({ signal, err }) => {
      if (err) fastify.log.error({ err }, 'uncaught error: stopping');
      else fastify.log.info(`${signal ?? 'exit'}: finishing open requests and the email being sent, then stopping`);
      clearInterval(housekeeping);
      clearInterval(refusals);
      clearInterval(publisher);
      await Promise.all([closeHttp(fastify), worker.stop(), retention.stop()]);
      await db.close();
    },
  );
}

/**
 * Closing the server refuses new connections and drops idle keep-alive ones, but a connection
 * whose request was in flight stays open after its answer until the keep-alive timeout (72 s):
 * drop each one as soon as it falls idle.
 */
async function closeHttp(fastify: FastifyInstance): Promise<void> {
  const reaper = setInterval(() => fastify.server.closeIdleConnections(), 50);
  try {
    await fastify.close();
  } finally {
    clearInterval(reaper);
  }
}

await main();
