import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Consultations booked for a request: when, how, with whom, and what became of them. */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const id = dialect === 'sqlite' ? 'integer' : 'serial';
  await db.schema
    .createTable('consultation_bookings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('consultation_requests.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('in_person', 'video', 'phone')`))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('clinician', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('booked', 'cancelled', 'attended', 'no_show')`))
    /** The calendar event's UID and SEQUENCE: an updated invitation replaces the one before in the patient's calendar. */
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminder_outbox_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_bookings_request').on('consultation_bookings').columns(['request_id', 'status']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('consultation_bookings').execute();
}
