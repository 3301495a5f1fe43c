import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Lang, Session, StaffRole, User } from '#src/db/types.ts';
import { errors, fail, ok, type Result } from '#src/errors.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import type { SettingsService } from '#src/features/settings/service.ts';
import { enqueueEmail } from '#src/jobs/outbox.ts';
import { emailFor } from './emails.ts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './passwords.ts';
import { parseRoles, roles as allRoles } from '#src/permissions.ts';
import * as q from './queries.ts';
import { statusChoices } from './status.ts';
import { accountLimits, delayMs, ipLimits, reservationTimes, type Limits } from './throttle.ts';
import { hashToken, newToken } from '#src/platform/tokens.ts';
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, otpauthUri, qrSvg, verifyTotp } from './totp.ts';

const INVITE_DAYS = 7;
const RESET_MINUTES = 60;
const SECOND_FACTOR_MINUTES = 10;
const TOUCH_EVERY_MS = 60_000;

// One schema per staff form; a message names its catalog key (see web/form-errors.ts), and the
// field an issue belongs to is `f-<key>`. Routes read the posted text, parse with these, and call.
const NAME_MAX = 120;
const emailSchema = z.string().trim().toLowerCase().pipe(z.email('field.email'));
const nameSchema = z.string().trim().min(1, 'field.required').max(NAME_MAX, 'field.tooLong');
const rolesSchema = z.array(z.enum(allRoles)).min(1, 'field.roles');

export const inviteSchema = z.object({ email: emailSchema, name: nameSchema, roles: rolesSchema });
export type InviteInput = z.infer<typeof inviteSchema>;

export const userEditSchema = z.object({ name: nameSchema, roles: rolesSchema, status: z.enum(['active', 'disabled', 'invited']), personId: z.number().int().positive().nullable() });
export type UserEdit = z.infer<typeof userEditSchema>;

export const signInSchema = z.object({ email: z.string().max(320), password: z.string().max(1024) });
export const forgotPasswordSchema = z.object({ email: emailSchema });
export const setPasswordSchema = z.object({ token: z.string().max(100), password: z.string().max(1024), confirm: z.string().max(1024) });
export const codeSchema = z.object({ code: z.string().max(40) });

const passwordErrors = {
  'too-short': errors.PasswordTooShort,
  'too-long': errors.PasswordTooLong,
  common: errors.PasswordCommon,
  'contains-email': errors.PasswordContainsEmail,
} as const;
type PasswordCode = (typeof passwordErrors)[PasswordProblem]['spec']['code'];


/** Password-reset emails per address and per client in one window: enough for a person, too few to flood an inbox. */
const resetLimits = { perEmail: { slowAfter: Infinity, lockAfter: 3 }, perIp: { slowAfter: Infinity, lockAfter: 20 } };

export interface RequestInfo {
  ip: string;
  userAgent: string;
}

/** A session token; `secondFactor` when the session only lets its holder enter a two-step code. */
export type SignInOk = { secondFactor: false; token: string; user: User } | { secondFactor: true; token: string };
/** A rejected sign-in is answered only after delayMs, so guessing slows down before the lock. */
export type SignInResult = Result<SignInOk, 'CS_ERR_SIGN_IN_FAILED' | 'CS_ERR_SIGN_IN_LOCKED', { delayMs: number }>;
export type SetPasswordResult = Result<User, 'CS_ERR_LINK_INVALID' | 'CS_ERR_PASSWORD_MISMATCH' | PasswordCode, { email?: string }>;

export interface SignedIn {
  user: User;
  roles: StaffRole[];
  session: Session;
}

function addMs(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}

export function actorOf(user: User | null, ip: string): Actor {
  return { id: user?.id ?? null, email: user?.email ?? null, ip };
}

export class StaffService {
  private readonly db: Kysely<Database>;
  private readonly settings: SettingsService;
  private readonly audit: AuditService;
  private readonly baseUrl: string;
  private readonly now: () => Date;
  private readonly background = new Set<Promise<void>>();

  constructor(deps: { db: Kysely<Database>; settings: SettingsService; audit: AuditService; baseUrl: string; now?: () => Date }) {
    this.db = deps.db;
    this.settings = deps.settings;
    this.audit = deps.audit;
    this.baseUrl = deps.baseUrl;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- accounts

  /** The first admin (CLI): an invited account and a one-time link to set its password. */
  async createAdmin(email: string, name: string): Promise<Result<string, 'CS_ERR_EMAIL_INVALID' | 'CS_ERR_EMAIL_TAKEN'>> {
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) return fail(new errors.EmailInvalid(email));
    const address = parsed.data;
    if (await q.findUserByEmail(this.db, address)) return fail(new errors.EmailTaken(address));
    const link = await this.db.transaction().execute(async (tx) => {
      const id = await q.insertUser(tx, { email: address, name, roles: 'admin', status: 'invited' }, this.now().toISOString());
      await this.audit.record({ id: null, email: 'cli', ip: null }, { action: 'user.created-admin', target: { type: 'user', id } }, tx);
      return this.issueLink(tx, id, 'invite');
    });
    return ok(link);
  }

  /** Invites a colleague: the account and its emailed link are written in one transaction. */
  async invite(by: Actor, data: InviteInput, lang: Lang = 'en'): Promise<Result<User, 'CS_ERR_EMAIL_TAKEN'>> {
    if (await q.findUserByEmail(this.db, data.email)) return fail(new errors.EmailTaken(data.email));
    const clinic = await this.settings.clinic();
    const user = await this.db.transaction().execute(async (tx) => {
      const id = await q.insertUser(tx, { email: data.email, name: data.name, roles: data.roles.join(','), status: 'invited' }, this.now().toISOString());
      const link = await this.issueLink(tx, id, 'invite');
      await enqueueEmail(tx, { to: data.email, ...emailFor('invite', lang, { link, clinic: clinic.name, name: data.name, days: INVITE_DAYS }) }, this.now());
      await this.audit.record(by, { action: 'user.invited', target: { type: 'user', id }, details: { email: data.email, roles: data.roles } }, tx);
      const user = await q.findUserById(tx, id);
      if (!user) throw new Error('invited user vanished');
      return user;
    });
    return ok(user);
  }

  async updateUser(by: Actor, id: number, changes: { name: string; roles: StaffRole[]; status: UserEdit['status']; personId?: number | null }): Promise<Result<void, 'CS_ERR_USER_NOT_FOUND' | 'CS_ERR_STATUS_NOT_ALLOWED' | 'CS_ERR_LAST_ADMIN'>> {
    const user = await q.findUserById(this.db, id);
    if (!user) return fail(new errors.UserNotFound());
    if (!statusChoices(user).includes(changes.status)) return fail(new errors.StatusNotAllowed());
    const losesAdmin = parseRoles(user.roles).includes('admin') && user.status === 'active' && (!changes.roles.includes('admin') || changes.status !== 'active');
    if (losesAdmin && (await q.countActiveAdmins(this.db)) <= 1) return fail(new errors.LastAdmin());
    const status = changes.status;
    await this.db.transaction().execute(async (tx) => {
      await q.updateUser(tx, id, { name: changes.name, roles: changes.roles.join(','), status, ...(changes.personId === undefined ? {} : { person_id: changes.personId }) }, this.now().toISOString());
      if (status === 'disabled') {
        // Nothing issued before the account was disabled works again if it is enabled later.
        await q.deleteUserSessions(tx, id);
        for (const purpose of ['invite', 'reset'] as const) await q.expireTokens(tx, id, purpose, this.now().toISOString());
      }
      await this.audit.record(by, { action: 'user.updated', target: { type: 'user', id }, details: { before: { roles: user.roles, status: user.status, name: user.name, person: user.person_id }, after: { roles: changes.roles.join(','), status, name: changes.name, person: changes.personId ?? user.person_id } } }, tx);
    });
    return ok(undefined);
  }

  /** Sends an invited account a new link (the old ones stop working), e.g. when the first has expired. */
  async resendInvite(by: Actor, id: number, lang: Lang): Promise<Result<User, 'CS_ERR_USER_NOT_FOUND' | 'CS_ERR_NOT_INVITED'>> {
    const user = await q.findUserById(this.db, id);
    if (!user) return fail(new errors.UserNotFound());
    if (user.status !== 'invited' || user.password_hash) return fail(new errors.NotInvited());
    const clinic = await this.settings.clinic();
    await this.db.transaction().execute(async (tx) => {
      const link = await this.issueLink(tx, id, 'invite');
      await enqueueEmail(tx, { to: user.email, ...emailFor('invite', lang, { link, clinic: clinic.name, name: user.name, days: INVITE_DAYS }) }, this.now());
      await this.audit.record(by, { action: 'user.invite-resent', target: { type: 'user', id } }, tx);
    });
    return ok(user);
  }

  users(): Promise<User[]> {
    return q.listUsers(this.db);
  }

  user(id: number): Promise<User | undefined> {
    return q.findUserById(this.db, id);
  }

  userCount(): Promise<number> {
    return q.countUsers(this.db);
  }

  async setLanguage(user: User, lang: Lang): Promise<void> {
    await q.updateUser(this.db, user.id, { lang }, this.now().toISOString());
  }

  // ---- one-time links

  private async issueLink(tx: Kysely<Database>, userId: number, purpose: 'invite' | 'reset'): Promise<string> {
    const now = this.now();
    await q.expireTokens(tx, userId, purpose, now.toISOString());
    const token = newToken();
    const lifetime = purpose === 'invite' ? INVITE_DAYS * 86_400_000 : RESET_MINUTES * 60_000;
    await q.insertToken(tx, { token_hash: hashToken(token), user_id: userId, purpose, expires_at: addMs(now, lifetime), created_at: now.toISOString() });
    return `${this.baseUrl}/admin/password/set?token=${token}`;
  }

  /**
   * The same answer whether or not the email has an account; only an active one gets a link.
   * Callers answer before this work is done (see requestResetSoon), so its timing tells nothing.
   */
  async requestReset(email: string, info: RequestInfo): Promise<void> {
    const parsed = emailSchema.safeParse(email);
    const address = parsed.success ? parsed.data : email.trim().toLowerCase().slice(0, 320);
    if (await this.resetThrottled(address, info.ip)) {
      await this.audit.refuse({ id: null, email: parsed.success ? parsed.data : null, ip: info.ip }, 'password.reset-throttled', '/admin/password/forgot');
      return;
    }
    const user = parsed.success ? await q.findUserByEmail(this.db, parsed.data) : undefined;
    if (!user || user.status !== 'active') {
      await this.audit.record({ id: null, email: parsed.success ? parsed.data : null, ip: info.ip }, { action: 'password.reset-requested', details: { known: false } });
      return;
    }
    const clinic = await this.settings.clinic();
    await this.db.transaction().execute(async (tx) => {
      const link = await this.issueLink(tx, user.id, 'reset');
      await enqueueEmail(tx, { to: user.email, ...emailFor('reset', user.lang, { link, clinic: clinic.name, name: user.name, minutes: RESET_MINUTES }) }, this.now());
      await this.audit.record(actorOf(user, info.ip), { action: 'password.reset-requested', target: { type: 'user', id: user.id }, details: { known: true } }, tx);
    });
  }

  /**
   * Starts a reset request without waiting for it, so that the answer leaves before any work that
   * differs between known and unknown addresses. Work still running is awaited by settle() at shutdown.
   */
  requestResetSoon(email: string, info: RequestInfo, onError: (err: unknown) => void): void {
    const work = this.requestReset(email, info).catch(onError);
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** Waits for work started in the background (reset requests) to finish. */
  async settle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Counts a reset request; true when this address or client has asked too often in the window (then nothing is sent). */
  private async resetThrottled(address: string, ip: string): Promise<boolean> {
    // The client first: a client over its limit does not use up an address's allowance.
    if (!(await this.reserve(`reset-ip:${ip}`, resetLimits.perIp))) return true;
    return !(await this.reserve(`reset:${address}`, resetLimits.perEmail));
  }

  /** Reserves one attempt under a limit before the attempt is checked; undefined while the key is locked. */
  private reserve(key: string, limits: Limits): Promise<q.Reservation | undefined> {
    return q.reserveAttempt(this.db, key, { lockAfter: limits.lockAfter, ...reservationTimes(this.now()) });
  }

  /** A link is good when it exists, is unused and has not expired. */
  async linkUser(token: string): Promise<{ user: User; purpose: 'invite' | 'reset' } | null> {
    const row = await q.findToken(this.db, hashToken(token));
    if (!row || row.used_at !== null || row.expires_at <= this.now().toISOString()) return null;
    const user = await q.findUserById(this.db, row.user_id);
    if (!user || user.status === 'disabled') return null;
    return { user, purpose: row.purpose };
  }

  /** Sets the password from a link; the link dies and every session of the account is signed out. */
  async setPasswordWithLink(token: string, password: string, info: RequestInfo, confirm = password): Promise<SetPasswordResult> {
    const link = await this.linkUser(token);
    if (!link) {
      // Someone holding an expired, used or made-up link: worth seeing in the log.
      await this.audit.refuse({ id: null, email: null, ip: info.ip }, 'password.link-rejected', '/admin/password/set');
      return fail(new errors.LinkInvalid());
    }
    const email = link.user.email;
    if (password !== confirm) return { ...fail(new errors.PasswordMismatch()), email };
    const problem = await passwordProblem(password, email);
    if (problem) return { ...fail<PasswordCode>(new passwordErrors[problem]()), email };
    const hash = await hashPassword(password);
    const used = await this.db.transaction().execute(async (tx) => {
      if (!(await q.useToken(tx, hashToken(token), this.now().toISOString()))) return false;
      await q.updateUser(tx, link.user.id, { password_hash: hash, status: 'active' }, this.now().toISOString());
      await q.deleteUserSessions(tx, link.user.id);
      // Whoever holds the emailed link owns the account: a lock from someone else's guesses no longer applies.
      await q.clearThrottle(tx, `account:${link.user.email}`);
      await this.audit.record(actorOf(link.user, info.ip), { action: 'password.set', target: { type: 'user', id: link.user.id }, details: { via: link.purpose } }, tx);
      return true;
    });
    if (!used) return fail(new errors.LinkInvalid());
    return ok({ ...link.user, status: 'active' });
  }

  // ---- sign-in

  /**
   * Each attempt is counted against the client and the account before the password is checked, so
   * parallel guesses cannot outrun the lock: at most lockAfter checks per account and per client.
   */
  async signIn(email: string, password: string, info: RequestInfo): Promise<SignInResult> {
    const address = emailSchema.safeParse(email).data ?? email.trim().toLowerCase().slice(0, 320);
    const accountKey = `account:${address}`;
    const ipKey = `ip:${info.ip}`;
    const ip = await this.reserve(ipKey, ipLimits);
    // A client that is locked out does not count against the account it names.
    const account = ip ? await this.reserve(accountKey, accountLimits) : undefined;
    if (!ip || !account) {
      await this.audit.refuse({ id: null, email: address, ip: info.ip }, 'sign-in.locked', '/admin/sign-in');
      return { ...fail(new errors.SignInLocked()), delayMs: 0 };
    }
    const wait = Math.max(delayMs(account.failures, accountLimits), delayMs(ip.failures, ipLimits));
    const user = await q.findUserByEmail(this.db, address);
    const hash = user?.password_hash ?? (await dummyHash());
    const passwordOk = await verifyPassword(password, hash);
    if (!user || !passwordOk || user.status !== 'active' || !user.password_hash) {
      await this.audit.record({ id: user?.id ?? null, email: address, ip: info.ip }, { action: 'sign-in.failure', details: { reason: user ? (user.status === 'active' ? 'password' : user.status) : 'unknown-email', failures: account.failures } });
      const locked = account.locked_until !== null || ip.locked_until !== null;
      return { ...fail(locked ? new errors.SignInLocked() : new errors.SignInFailed()), delayMs: wait };
    }
    await q.clearThrottle(this.db, accountKey);
    await q.refundAttempt(this.db, ipKey, ipLimits.lockAfter);
    if (user.totp_enabled_at) {
      const token = await this.newSession(user, 'second-factor', info, SECOND_FACTOR_MINUTES * 60_000);
      await this.audit.record(actorOf(user, info.ip), { action: 'sign-in.password-ok', target: { type: 'user', id: user.id } });
      return ok({ secondFactor: true, token });
    }
    const token = await this.newFullSession(user, info);
    await this.audit.record(actorOf(user, info.ip), { action: 'sign-in.success', target: { type: 'user', id: user.id }, details: { factor: 'password' } });
    return ok({ secondFactor: false, token, user });
  }

  /** Second step: a TOTP code or a recovery code. Success replaces the half-way session with a new one. */
  async completeSecondFactor(pending: SignedIn, code: string, info: RequestInfo): Promise<Result<string, 'CS_ERR_SECOND_FACTOR_FAILED' | 'CS_ERR_SECOND_FACTOR_LOCKED'>> {
    const { user } = pending;
    const now = this.now();
    const key = `2fa:${user.id}`;
    // Reserved before the code is checked, like a password: parallel guesses cannot outrun the lock.
    const attempt = await this.reserve(key, accountLimits);
    if (!attempt) {
      await this.audit.refuse(actorOf(user, info.ip), 'sign-in.2fa-locked', '/admin/sign-in/code');
      return fail(new errors.SecondFactorLocked());
    }
    let factor: 'totp' | 'recovery-code' | null = null;
    const step = user.totp_secret ? verifyTotp(user.totp_secret, code, user.totp_last_step, now.getTime()) : null;
    // The step moves forward in the database only once, so a code sent twice at once is accepted once.
    if (step !== null && (await q.advanceTotpStep(this.db, user.id, step))) {
      factor = 'totp';
    } else if (/[a-z]/i.test(code) && (await q.useRecoveryCode(this.db, user.id, hashToken(normaliseRecoveryCode(code)), now.toISOString()))) {
      factor = 'recovery-code';
    }
    if (!factor) {
      await this.audit.record(actorOf(user, info.ip), { action: 'sign-in.2fa-failure', target: { type: 'user', id: user.id } });
      return fail(attempt.locked_until !== null ? new errors.SecondFactorLocked() : new errors.SecondFactorFailed());
    }
    await q.clearThrottle(this.db, key);
    await q.deleteSession(this.db, pending.session.id_hash);
    const token = await this.newFullSession(user, info);
    await this.audit.record(actorOf(user, info.ip), { action: 'sign-in.success', target: { type: 'user', id: user.id }, details: { factor } });
    return ok(token);
  }

  // ---- sessions

  private async newFullSession(user: User, info: RequestInfo): Promise<string> {
    const staff = await this.settings.staff();
    return this.newSession(user, 'full', info, staff.lifetimeHours * 3_600_000);
  }

  private async newSession(user: User, stage: Session['stage'], info: RequestInfo, lifetimeMs: number): Promise<string> {
    const now = this.now();
    const token = newToken();
    await q.insertSession(this.db, {
      id_hash: hashToken(token),
      user_id: user.id,
      stage,
      csrf_token: newToken(),
      ip: info.ip,
      user_agent: info.userAgent.slice(0, 300),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: addMs(now, lifetimeMs),
    });
    return token;
  }

  /** The signed-in person behind a session cookie, or null when it is unknown, idle too long or past its lifetime. */
  async resolveSession(token: string | undefined): Promise<SignedIn | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashToken(token);
    const session = await q.findSession(this.db, idHash);
    if (!session) return null;
    const now = this.now();
    const staff = await this.settings.staff();
    const idleLimit = Date.parse(session.last_seen_at) + staff.idleMinutes * 60_000;
    if (session.expires_at <= now.toISOString() || (session.stage === 'full' && idleLimit <= now.getTime())) {
      await q.deleteSession(this.db, idHash);
      return null;
    }
    const user = await q.findUserById(this.db, session.user_id);
    if (!user || user.status !== 'active') return null;
    if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) await q.touchSession(this.db, idHash, now.toISOString());
    return { user, roles: parseRoles(user.roles), session };
  }

  async signOut(who: SignedIn, ip: string): Promise<void> {
    await q.deleteSession(this.db, who.session.id_hash);
    await this.audit.record(actorOf(who.user, ip), { action: 'sign-out', target: { type: 'user', id: who.user.id } });
  }

  async signOutEverywhere(who: SignedIn, ip: string): Promise<number> {
    const count = await q.deleteUserSessions(this.db, who.user.id);
    await this.audit.record(actorOf(who.user, ip), { action: 'sign-out.everywhere', target: { type: 'user', id: who.user.id }, details: { sessions: count } });
    return count;
  }

  /** Housekeeping run every hour: ended sessions and old throttle counters go. */
  async purgeExpired(): Promise<void> {
    const now = this.now();
    await q.deleteExpiredSessions(this.db, now.toISOString());
    await q.deleteStaleThrottles(this.db, addMs(now, -86_400_000), now.toISOString());
    await this.audit.foldEndedRefusals();
  }

  // ---- two-factor

  /** Starts (or resumes) enrolment: a secret kept on the account but not active until a code confirms it. */
  async totpEnrolment(user: User): Promise<{ secret: string; uri: string; svg: string }> {
    let secret = user.totp_enabled_at ? null : user.totp_secret;
    if (!secret) {
      secret = newTotpSecret();
      await q.updateUser(this.db, user.id, { totp_secret: secret, totp_enabled_at: null, totp_last_step: null }, this.now().toISOString());
    }
    const clinic = await this.settings.clinic();
    const uri = otpauthUri(secret, user.email, clinic.name);
    return { secret, uri, svg: await qrSvg(uri) };
  }

  /** Confirms enrolment with a code from the app; returns the ten recovery codes, shown once. */
  async confirmTotp(who: SignedIn, code: string, ip: string): Promise<Result<string[], 'CS_ERR_TOTP_CODE_WRONG'>> {
    const user = await q.findUserById(this.db, who.user.id);
    // No enrolment under way (or it is already done): no code can confirm it.
    if (!user?.totp_secret || user.totp_enabled_at) return fail(new errors.TotpCodeWrong());
    const now = this.now();
    const step = verifyTotp(user.totp_secret, code, null, now.getTime());
    if (step === null) {
      await this.audit.record(actorOf(user, ip), { action: '2fa.enrol-failure', target: { type: 'user', id: user.id } });
      return fail(new errors.TotpCodeWrong());
    }
    const codes = newRecoveryCodes();
    await this.db.transaction().execute(async (tx) => {
      await q.updateUser(tx, user.id, { totp_enabled_at: now.toISOString(), totp_last_step: step }, now.toISOString());
      await q.replaceRecoveryCodes(tx, user.id, codes.map((c) => hashToken(c)));
      await this.audit.record(actorOf(user, ip), { action: '2fa.enabled', target: { type: 'user', id: user.id } }, tx);
    });
    return ok(codes);
  }

  async disableTotp(who: SignedIn, code: string, ip: string): Promise<Result<void, 'CS_ERR_TWO_FACTOR_REQUIRED' | 'CS_ERR_TOTP_CODE_WRONG'>> {
    if (await this.twoFactorRequired(who.user)) return fail(new errors.TwoFactorRequired());
    const user = who.user;
    const now = this.now();
    if (!user.totp_secret || verifyTotp(user.totp_secret, code, user.totp_last_step, now.getTime()) === null) return fail(new errors.TotpCodeWrong());
    await this.db.transaction().execute(async (tx) => {
      await q.updateUser(tx, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, now.toISOString());
      await q.replaceRecoveryCodes(tx, user.id, []);
      await this.audit.record(actorOf(user, ip), { action: '2fa.disabled', target: { type: 'user', id: user.id } }, tx);
    });
    return ok(undefined);
  }

  recoveryCodesLeft(user: User): Promise<number> {
    return q.unusedRecoveryCodes(this.db, user.id);
  }

  /** True when settings require two-factor sign-in and this person has not set it up yet. */
  async mustEnrol(user: User): Promise<boolean> {
    return !user.totp_enabled_at && (await this.twoFactorRequired(user));
  }

  /** True when settings require two-step verification for one of this person's roles. */
  async twoFactorRequired(user: User): Promise<boolean> {
    const required = (await this.settings.staff()).require2faRoles;
    return parseRoles(user.roles).some((r) => required.includes(r));
  }
}

