import { sql, type Kysely, type Transaction } from 'kysely';
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

export async function insertUser(db: Q, user: { email: string; name: string; roles: string; status: User['status'] }, now: string): Promise<number> {
  const row = await db.insertInto('users').values({ ...user, lang: 'en', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Q, id: number, changes: Partial<Pick<User, 'name' | 'roles' | 'status' | 'password_hash' | 'totp_secret' | 'totp_enabled_at' | 'totp_last_step' | 'lang' | 'person_id'>>, now: string): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
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

export async function insertToken(db: Q, token: { token_hash: string; user_id: number; purpose: 'invite' | 'reset'; expires_at: string; created_at: string }): Promise<void> {
  await db.insertInto('auth_tokens').values({ ...token, used_at: null }).execute();
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

export interface Reservation {
  /** This attempt's number in the window (1 for the first). */
  failures: number;
  first_failure_at: string;
  /** Set when this attempt reached the limit: it is the last one checked before the lock. */
  locked_until: string | null;
}

/**
 * Counts an attempt as a failure before it is checked, in one statement, so that parallel attempts
 * each get their own number and no more than `lockAfter` of them are ever checked. A window that is
 * over, or a lock that has ended, starts the count again. Returns undefined while the key is locked:
 * the attempt must then be refused without being checked.
 */
export async function reserveAttempt(db: Q, key: string, o: { lockAfter: number; now: string; windowStart: string; lockUntil: string }): Promise<Reservation | undefined> {
  const fresh = sql`(sign_in_throttle.first_failure_at < ${o.windowStart} OR sign_in_throttle.locked_until IS NOT NULL)`;
  const next = sql`(CASE WHEN ${fresh} THEN 1 ELSE sign_in_throttle.failures + 1 END)`;
  const result = await sql<Reservation>`
    INSERT INTO sign_in_throttle (key, failures, first_failure_at, locked_until)
    VALUES (${key}, 1, ${o.now}, ${o.lockAfter <= 1 ? o.lockUntil : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${next},
      first_failure_at = CASE WHEN ${fresh} THEN ${o.now} ELSE sign_in_throttle.first_failure_at END,
      locked_until = CASE WHEN ${next} >= ${o.lockAfter} THEN ${o.lockUntil} ELSE NULL END
    WHERE sign_in_throttle.locked_until IS NULL OR sign_in_throttle.locked_until <= ${o.now}
    RETURNING failures, first_failure_at, locked_until`.execute(db);
  return result.rows[0];
}

/** Gives back an attempt that turned out to be good, so that successes never count towards a lock. */
export async function refundAttempt(db: Q, key: string, lockAfter: number): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({
      failures: sql`failures - 1`,
      locked_until: sql`CASE WHEN failures - 1 < ${lockAfter} THEN NULL ELSE locked_until END`,
    })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).where('failures', '<=', 0).execute();
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

/** Moves the last accepted authenticator step forward, only if it is newer: a code is accepted once, even by parallel requests. */
export async function advanceTotpStep(db: Q, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
