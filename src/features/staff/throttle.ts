/** Sign-in throttling rules, pure so they are tested without a clock or a database. */

export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface Limits {
  slowAfter: number;
  lockAfter: number;
}

export const accountLimits: Limits = { slowAfter: 3, lockAfter: 10 };
export const ipLimits: Limits = { slowAfter: 10, lockAfter: 50 };

export interface ThrottleState {
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return state?.locked_until != null && state.locked_until > now.toISOString();
}

/** The state after one more failure: a fresh window once the last one is over, a lock at the limit. */
export function afterFailure(state: ThrottleState | undefined, limits: Limits, now: Date): ThrottleState {
  const fresh = !state || now.getTime() - Date.parse(state.first_failure_at) > WINDOW_MS;
  const failures = fresh ? 1 : state.failures + 1;
  const first_failure_at = fresh ? now.toISOString() : state.first_failure_at;
  const locked_until = failures >= limits.lockAfter ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  return { failures, first_failure_at, locked_until };
}

/** How long to hold the answer to an attempt: nothing at first, then doubling up to 8 seconds. */
export function delayMs(state: ThrottleState | undefined, limits: Limits, now: Date): number {
  if (!state || now.getTime() - Date.parse(state.first_failure_at) > WINDOW_MS) return 0;
  const over = state.failures - limits.slowAfter;
  return over < 0 ? 0 : Math.min(8000, 500 * 2 ** over);
}
