/** Sign-in throttling rules, pure so they are tested without a clock or a database. */

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

export interface Limits {
  /** Attempts answered at once; later ones are held back. */
  slowAfter: number;
  /** The attempt that sets the lock; no attempt after it is checked until the lock ends. */
  lockAfter: number;
}

export const accountLimits: Limits = { slowAfter: 3, lockAfter: 10 };
export const ipLimits: Limits = { slowAfter: 10, lockAfter: 50 };

/** The times a reservation needs: the start of the window still counting, and the end of a lock set now. */
export function reservationTimes(now: Date): { now: string; windowStart: string; lockUntil: string } {
  return {
    now: now.toISOString(),
    windowStart: new Date(now.getTime() - WINDOW_MS).toISOString(),
    lockUntil: new Date(now.getTime() + LOCK_MS).toISOString(),
  };
}

/** How long to hold the answer to the n-th attempt of a window: nothing at first, then doubling up to 8 seconds. */
export function delayMs(attempt: number, limits: Limits): number {
  const over = attempt - 1 - limits.slowAfter;
  return over < 0 ? 0 : Math.min(8000, 500 * 2 ** over);
}
