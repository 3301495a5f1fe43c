import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { ConsultationBookingsTable, Database } from '#src/db/types.ts';

/** The SQL of bookings, and nothing else. */

type Q = Kysely<Database> | Transaction<Database>;
export type BookingRow = Selectable<ConsultationBookingsTable>;

export async function insertBooking(db: Q, row: Insertable<ConsultationBookingsTable>): Promise<number> {
  return (await db.insertInto('consultation_bookings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The booking that stands for a request (booked, or attended / missed), newest first. */
export function currentBooking(db: Q, requestId: number): Promise<BookingRow | undefined> {
  return db.selectFrom('consultation_bookings').selectAll().where('request_id', '=', requestId).where('status', '!=', 'cancelled').orderBy('id', 'desc').executeTakeFirst();
}

export async function updateBooking(db: Q, id: number, changes: Partial<Omit<BookingRow, 'id' | 'request_id' | 'uid' | 'created_at'>>, at: string): Promise<void> {
  await db.updateTable('consultation_bookings').set({ ...changes, updated_at: at }).where('id', '=', id).execute();
}
