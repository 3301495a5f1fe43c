import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';

export async function readSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Kysely<Database> | Transaction<Database>, key: string, value: string, at: Date): Promise<void> {
  const updated_at = at.toISOString();
  await db
    .insertInto('settings')
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
    .execute();
}
