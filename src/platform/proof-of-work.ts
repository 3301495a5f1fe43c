import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { createChallenge, verifySolution, type Challenge, type Solution, type VerifySolutionResult } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/types.ts';

/**
 * ALTCHA proof of work (altcha-lib v2, the format the altcha 3 widget solves). A bot that posts the
 * consultation form in bulk must spend CPU on every post; a patient's phone spends well under a second.
 *
 * Difficulty. v2 has no `maxnumber`: in its "deterministic" mode the server picks a secret counter
 * and the browser tries counters 0, 1, 2… until one derives the key the challenge names, so the
 * counter plays maxnumber's part, and `cost` (PBKDF2 iterations per try) sets the price of a try.
 * The browser's worker pays three Web Crypto calls per try (tens of microseconds however small
 * `cost` is), so fewer, dearer tries waste less of the phone's time than many cheap ones.
 * Chosen: PBKDF2/SHA-256, cost 1 000, counter uniform in 500–2 500 (1 500 tries on average).
 * Measured on this project's 2-core x86-64 test machine: altcha-lib's solver in Node, one thread,
 * 0.11 s / 0.20 s / 0.35 s for counters 500 / 1 500 / 2 500; the widget's own PBKDF2 worker in
 * headless Chromium 0.5 s for the worst case on one worker, 0.2 s (average) to 0.33 s (worst) on the
 * two workers the widget starts there (about 0.2 ms a try). On a mid-range phone the widget starts
 * 4 to 8 workers (one a core, at most 4 with 4 GB of memory or less); at 2–4 times slower a core
 * that is about 0.2–0.5 s on average and under 1 s at worst, largely hidden behind the widget's
 * minimum of 0.5 s in the "checking" state. Chromium's CPU throttling does not slow workers, so the
 * phone figure is estimated, not measured on a phone.
 * The server pays 0.7 ms to make a challenge (one PBKDF2 at the secret counter) and one HMAC (the
 * key signature) to verify a solution.
 */
export const ALGORITHM = 'PBKDF2/SHA-256';
const COST = 1_000;
const COUNTER_MIN = 500;
const COUNTER_MAX = 2_500;
/** Long enough to finish the form after ticking the box early (the widget otherwise solves on sending). */
const LIFETIME_MS = 20 * 60_000;
/** How often a process clears spent challenges whose expiry has passed. */
const PURGE_EVERY_MS = 10 * 60_000;
/**
 * Spent challenges are kept this long past their expiry, so that a process whose clock is a little
 * behind (and would still take the challenge as unexpired) still finds them spent.
 */
const CLOCK_SKEW_MARGIN_MS = 60 * 60_000;
/** The settings row that holds the secret every process signs with. */
const KEY_SETTING = 'altcha_hmac_key';
/** A real payload is about 700 bytes; anything far bigger is not one, and is not parsed. */
const MAX_PAYLOAD_CHARS = 4_096;

export type Verdict = 'ok' | 'missing' | 'invalid' | 'expired' | 'spent';

interface Secrets {
  /** Signs the challenge's parameters, so the browser cannot make its own easier one. */
  challenge: string;
  /** Signs the key the secret counter derives, so verifying is one HMAC instead of a PBKDF2. */
  derivedKey: string;
}

export class ProofOfWork {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;
  #key: Promise<string> | undefined;
  #lastPurge = 0;

  constructor(o: { db: Kysely<Database>; now?: () => Date }) {
    this.#db = o.db;
    this.#now = o.now ?? (() => new Date());
  }

  /**
   * The secret all processes sharing the database sign with: read from settings, or made on first
   * use. Two processes starting together may both make one; the insert keeps whichever came first
   * and both read that one back, so a challenge signed by one verifies in the other.
   */
  hmacKey(): Promise<string> {
    this.#key ??= this.#loadKey().catch((err: unknown) => {
      // A failed read (database briefly down) must not stick: the next call tries again.
      this.#key = undefined;
      throw err;
    });
    return this.#key;
  }

  async #loadKey(): Promise<string> {
    const read = async () => (await this.#db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirst())?.value;
    const found = await read();
    if (found) return found;
    const made = { key: KEY_SETTING, value: randomBytes(32).toString('base64url'), updated_at: this.#now().toISOString() };
    await this.#db.insertInto('settings').values(made).onConflict((oc) => oc.column('key').doNothing()).execute();
    const kept = await read();
    if (!kept) throw new Error(`settings.${KEY_SETTING} is missing right after it was written`);
    return kept;
  }

  async #secrets(): Promise<Secrets> {
    // Two uses, two keys derived from the one stored secret, so neither signature can stand in for the other.
    const key = await this.hmacKey();
    const derive = (purpose: string) => createHmac('sha256', key).update(purpose).digest('base64url');
    return { challenge: derive('altcha challenge signature'), derivedKey: derive('altcha derived key signature') };
  }

  /** A new signed challenge, as JSON for the widget (`{ parameters, signature }`). */
  async challenge(): Promise<Challenge> {
    const secrets = await this.#secrets();
    return createChallenge({
      algorithm: ALGORITHM,
      cost: COST,
      counter: randomInt(COUNTER_MIN, COUNTER_MAX + 1),
      deriveKey,
      expiresAt: new Date(this.#now().getTime() + LIFETIME_MS),
      hmacSignatureSecret: secrets.challenge,
      hmacKeySignatureSecret: secrets.derivedKey,
    });
  }

  /**
   * What the form's `altcha` field proves. 'ok' is answered once per solved challenge: the
   * challenge's signature is recorded as spent by one insert that only the first of any number of
   * simultaneous requests (in any process) can make.
   */
  async verify(payload: string | undefined): Promise<Verdict> {
    if (payload === undefined || payload.trim() === '') return 'missing';
    const parsed = parsePayload(payload);
    if (!parsed) return 'invalid';
    const { challenge, solution } = parsed;
    const secrets = await this.#secrets();
    let result: VerifySolutionResult;
    try {
      result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: secrets.challenge, hmacKeySignatureSecret: secrets.derivedKey });
    } catch {
      // altcha-lib throws on some shapes it cannot read (an algorithm it does not know): a bad payload, not our error.
      return 'invalid';
    }
    // altcha-lib looks at the expiry before the signature, so an expired forgery is reported as expired too.
    if (result.expired) return 'expired';
    if (!result.verified) return 'invalid';
    // The parameters are signed now, so the expiry can be trusted; it is checked on our clock as well
    // (altcha-lib uses the system clock) and is required: every challenge made here has one.
    const expiresAtMs = (challenge.parameters.expiresAt ?? 0) * 1000;
    const now = this.#now();
    if (expiresAtMs <= now.getTime()) return 'expired';

    const first = await this.#db
      .insertInto('spent_challenges')
      .values({ signature: String(challenge.signature), expires_at: new Date(expiresAtMs).toISOString() })
      .onConflict((oc) => oc.column('signature').doNothing())
      .returning('signature')
      .executeTakeFirst();
    this.#purgeNowAndThen(now);
    return first ? 'ok' : 'spent';
  }

  /** Drops spent challenges that have expired (they would be refused as expired anyway). Returns how many. */
  async purgeSpent(now: Date): Promise<number> {
    const result = await this.#db.deleteFrom('spent_challenges').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #purgeNowAndThen(now: Date): void {
    if (now.getTime() - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now.getTime();
    // Not awaited, and a failure ignored: the patient's request must not wait for, or fail with,
    // housekeeping that the next purge does just as well.
    void this.purgeSpent(new Date(now.getTime() - CLOCK_SKEW_MARGIN_MS)).catch(() => undefined);
  }
}

/** The widget's field: base64 of JSON `{ challenge: { parameters, signature }, solution }`; anything else is null. */
function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | null {
  if (payload.length > MAX_PAYLOAD_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(value) || !isObject(value.challenge) || !isObject(value.solution)) return null;
  const { challenge, solution } = value;
  if (!isObject(challenge.parameters) || typeof challenge.signature !== 'string') return null;
  if (typeof solution.counter !== 'number' || typeof solution.derivedKey !== 'string') return null;
  // The remaining fields are checked by altcha-lib: every parameter is covered by the signature.
  return { challenge: challenge as unknown as Challenge, solution: solution as unknown as Solution };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
