// PostgreSQL SQLSTATE classes and codes that mean "the database went away or is overloaded",
// not "this query is wrong": 08 connection exception, 57P01–57P03 shutdown / cannot connect now,
// 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN']);
// pg reports a dead or unreachable connection with plain Errors that carry no code.
const PG_LOST = /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/;
// SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6) after busy_timeout — another writer held on too long.
const SQLITE_BUSY = new Set([5, 6]);

interface MaybeDbError {
  code?: unknown;
  errcode?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * True when a request failed because the database could not be reached or lost its connection, so
 * the answer is "try again shortly" (503), not "something is broken" (500).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, errcode, message, cause } = error as MaybeDbError;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' && SQLITE_BUSY.has(errcode & 0xff)) return true;
  if (typeof message === 'string' && PG_LOST.test(message) && typeof code !== 'string') return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
