import type { Kysely } from 'kysely';
import type { Database } from '#src/db/types.ts';

/** The SQL of the consultation report, and nothing else: the rows of the period, spam left out. */
export async function reportRows(db: Kysely<Database>, sinceIso: string) {
  const [requests, bookings] = await Promise.all([
    db.selectFrom('consultation_requests').select(['created_at', 'responded_at', 'source_path']).where('status', '!=', 'spam').where('created_at', '>=', sinceIso).execute(),
    db.selectFrom('consultation_bookings').select(['status']).where('starts_at', '>=', sinceIso).where('status', 'in', ['attended', 'no_show']).execute(),
  ]);
  return { requests, bookings };
}
