import type { Kysely, Transaction } from 'kysely';
import type { Database, Session, User } from '#src/db/types.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findUserByEmail(db: Q, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Q, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Q): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function insertUser(db: Q, user: { email: string; name: string; roles: string; status: User['status'] }): Promise<number> {
  const now = new Date().toISOString();
  const row = await db.insertInto('users').values({ ...user, lang: 'en', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Q, id: number, changes: Partial<Pick<User, 'name' | 'roles' | 'status' | 'password_hash' | 'totp_secret' | 'totp_enabled_at' | 'totp_last_step' | 'lang'>>): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Q): Promise<number> {
  const rows = await db.selectFrom('users').select('roles').where('status', '=', 'active').execute();
  return rows.filter((r) => r.roles.split(',').includes('admin')).length;
}

export async function countUsers(db: Q): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// sessions

export async function insertSession(db: Q, session: Session): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export function findSession(db: Q, idHash: string): Promise<Session | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Q, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Q, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Q, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Q, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

// one-time links

export async function insertToken(db: Q, token: { token_hash: string; user_id: number; purpose: 'invite' | 'reset'; expires_at: string }): Promise<void> {
  await db.insertInto('auth_tokens').values({ ...token, created_at: new Date().toISOString(), used_at: null }).execute();
}

export function findToken(db: Q, tokenHash: string) {
  return db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a link used; false when another request used it first (single use even under a race). */
export async function useToken(db: Q, tokenHash: string, at: string): Promise<boolean> {
  const result = await db.updateTable('auth_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function expireTokens(db: Q, userId: number, purpose: 'invite' | 'reset', at: string): Promise<void> {
  await db.updateTable('auth_tokens').set({ used_at: at }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

// recovery codes

export async function replaceRecoveryCodes(db: Q, userId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length) await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
}

export async function useRecoveryCode(db: Q, userId: number, hash: string, at: string): Promise<boolean> {
  const result = await db.updateTable('recovery_codes').set({ used_at: at }).where('user_id', '=', userId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(db: Q, userId: number): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

// sign-in throttling

export function findThrottle(db: Q, key: string) {
  return db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(db: Q, row: { key: string; failures: number; first_failure_at: string; locked_until: string | null }): Promise<void> {
  const { key, ...rest } = row;
  await db.insertInto('sign_in_throttle').values(row).onConflict((oc) => oc.column('key').doUpdateSet(rest)).execute();
}

export async function clearThrottle(db: Q, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

export async function deleteStaleThrottles(db: Q, before: string, now: string): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where('first_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
