import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';

// The one settings row the outbox reads itself (webhook and gateway settings, at each delivery).
// The settings feature writes it; jobs cannot import that feature, which imports the outbox.

/** Its settings.key. */
export const INTEGRATIONS_KEY = 'integrations';

export async function readIntegrationsRow(db: Kysely<Database> | Transaction<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', INTEGRATIONS_KEY).executeTakeFirst();
  return row?.value;
}
