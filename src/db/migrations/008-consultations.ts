import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Consultation requests (health data: only what the patient typed and what the coordinator needs),
 * their timeline, the counters behind the form's rate limits, and the proof-of-work challenges
 * already spent (each may be used once).
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const id = dialect === 'sqlite' ? 'integer' : 'serial';

  await db.schema
    .createTable('consultation_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'in_progress', 'booked', 'closed', 'spam')`))
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON list of why the request deserves a closer look or was put in spam (honeypot, too fast, no proof of work…). */
    .addColumn('signals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('reply_via', 'text', (c) => c.notNull().check(sql`reply_via in ('phone', 'whatsapp', 'email')`))
    .addColumn('preferred_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('privacy_version', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('source_path', 'text')
    .addColumn('referrer', 'text')
    /** JSON object of the utm_* tags of the page the form was sent from. */
    .addColumn('utm', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('respond_by', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('outcome', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_requests_status').on('consultation_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('consultation_requests_phone').on('consultation_requests').columns(['phone', 'created_at']).execute();
  await db.schema.createIndex('consultation_requests_email').on('consultation_requests').columns(['email', 'created_at']).execute();

  await db.schema
    .createTable('consultation_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('consultation_requests.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('consultation_events_request').on('consultation_events').columns(['request_id', 'at']).execute();

  // One row per limit, subject and window: counted up with one atomic upsert, so parallel requests cannot slip past a limit.
  await db.schema
    .createTable('rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['scope', 'subject', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_counters_expiry').on('rate_counters').column('expires_at').execute();

  await db.schema
    .createTable('spent_challenges')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spent_challenges_expiry').on('spent_challenges').column('expires_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('spent_challenges').execute();
  await db.schema.dropTable('rate_counters').execute();
  await db.schema.dropTable('consultation_events').execute();
  await db.schema.dropTable('consultation_requests').execute();
}
