import createError, { type FastifyError } from '@fastify/error';
import type { MessageKey } from '#src/web/i18n/index.ts';

/**
 * Every error the app raises, in one place (as Fastify core keeps its own in lib/errors.js): a code
 * that is never reused, the HTTP status it is answered with, the catalog key of what a person reads,
 * the level it is logged at, and a message for logs and the command line (`%s` takes the first
 * argument). docs/errors.md lists every code; src/errors.test.ts keeps the two in step.
 */

export type LogLevel = 'info' | 'warn' | 'error';

interface ErrorSpec<C extends string> {
  code: C;
  status: number;
  /** What the person reads, from the i18n catalogs. */
  key: MessageKey;
  /** The heading when the error is a whole page (otherwise it is shown beside a form). */
  title?: MessageKey;
  log: LogLevel;
  message: string;
}

function define<const C extends `CS_ERR_${string}`>(spec: ErrorSpec<C>) {
  // A stack trace only where it helps: server errors. Expected failures are answers, not bugs.
  const constructor = createError<C, number, [string?]>(spec.code, spec.message, spec.status, Error, spec.status >= 500);
  return Object.assign(constructor, { spec });
}

export const errors = {
  // whole pages
  NotFound: define({ code: 'CS_ERR_NOT_FOUND', status: 404, key: 'error.404.text', title: 'error.404.title', log: 'info', message: 'Not found' }),
  BadRequest: define({ code: 'CS_ERR_BAD_REQUEST', status: 400, key: 'error.400.text', title: 'error.400.title', log: 'info', message: 'Bad request' }),
  NulInRequest: define({ code: 'CS_ERR_NUL_IN_REQUEST', status: 400, key: 'error.400.text', title: 'error.400.title', log: 'info', message: 'NUL character in request' }),
  BodyTooLarge: define({ code: 'CS_ERR_BODY_TOO_LARGE', status: 413, key: 'error.413.text', title: 'error.413.title', log: 'info', message: 'Request body too large' }),
  RateLimited: define({ code: 'CS_ERR_RATE_LIMITED', status: 429, key: 'error.429.text', title: 'error.429.title', log: 'info', message: 'Too many requests' }),
  Unauthenticated: define({ code: 'CS_ERR_UNAUTHENTICATED', status: 401, key: 'error.401.text', title: 'error.401.title', log: 'info', message: 'Not signed in' }),
  Forbidden: define({ code: 'CS_ERR_FORBIDDEN', status: 403, key: 'error.403.text', title: 'error.403.title', log: 'info', message: 'Not allowed' }),
  CsrfRejected: define({ code: 'CS_ERR_CSRF_REJECTED', status: 403, key: 'error.csrf.text', title: 'error.csrf.title', log: 'info', message: 'Form token or origin rejected' }),
  RefusedTooOften: define({ code: 'CS_ERR_REFUSED_TOO_OFTEN', status: 429, key: 'error.refused.text', title: 'error.refused.title', log: 'info', message: 'Refused too often' }),
  DatabaseUnavailable: define({ code: 'CS_ERR_DATABASE_UNAVAILABLE', status: 503, key: 'error.503.text', title: 'error.503.title', log: 'warn', message: 'Database unavailable' }),
  Internal: define({ code: 'CS_ERR_INTERNAL', status: 500, key: 'error.500.text', title: 'error.500.title', log: 'error', message: 'Request failed' }),
  ContentInvalid: define({ code: 'CS_ERR_CONTENT_INVALID', status: 500, key: 'error.500.text', title: 'error.500.title', log: 'error', message: '%s' }),
  ConfigInvalid: define({ code: 'CS_ERR_CONFIG_INVALID', status: 500, key: 'error.500.text', title: 'error.500.title', log: 'error', message: '%s' }),
  // beside a form
  InvalidInput: define({ code: 'CS_ERR_INVALID_INPUT', status: 400, key: 'error.400.text', log: 'info', message: 'Invalid form input' }),
  SignInFailed: define({ code: 'CS_ERR_SIGN_IN_FAILED', status: 401, key: 'signIn.failed', log: 'info', message: 'Email and password do not match an account' }),
  SignInLocked: define({ code: 'CS_ERR_SIGN_IN_LOCKED', status: 429, key: 'signIn.locked', log: 'info', message: 'Sign-in locked after too many attempts' }),
  SecondFactorFailed: define({ code: 'CS_ERR_SECOND_FACTOR_FAILED', status: 401, key: 'signIn.code.failed', log: 'info', message: 'Wrong two-step code' }),
  SecondFactorLocked: define({ code: 'CS_ERR_SECOND_FACTOR_LOCKED', status: 429, key: 'signIn.code.locked', log: 'info', message: 'Two-step sign-in locked after too many codes' }),
  LinkInvalid: define({ code: 'CS_ERR_LINK_INVALID', status: 410, key: 'setPassword.badLink', log: 'info', message: 'Link expired, used or unknown' }),
  PasswordMismatch: define({ code: 'CS_ERR_PASSWORD_MISMATCH', status: 400, key: 'password.mismatch', log: 'info', message: 'The two passwords differ' }),
  PasswordTooShort: define({ code: 'CS_ERR_PASSWORD_TOO_SHORT', status: 400, key: 'password.too-short', log: 'info', message: 'Password too short' }),
  PasswordTooLong: define({ code: 'CS_ERR_PASSWORD_TOO_LONG', status: 400, key: 'password.too-long', log: 'info', message: 'Password too long' }),
  PasswordCommon: define({ code: 'CS_ERR_PASSWORD_COMMON', status: 400, key: 'password.common', log: 'info', message: 'Password on a list of common passwords' }),
  PasswordContainsEmail: define({ code: 'CS_ERR_PASSWORD_CONTAINS_EMAIL', status: 400, key: 'password.contains-email', log: 'info', message: 'Password contains the email address' }),
  EmailInvalid: define({ code: 'CS_ERR_EMAIL_INVALID', status: 400, key: 'field.email', log: 'info', message: '"%s" is not an email address' }),
  EmailTaken: define({ code: 'CS_ERR_EMAIL_TAKEN', status: 400, key: 'users.exists', log: 'info', message: '%s already has an account; use "Forgot your password?" on the sign-in page' }),
  UserNotFound: define({ code: 'CS_ERR_USER_NOT_FOUND', status: 404, key: 'error.404.text', title: 'error.404.title', log: 'info', message: 'No such user' }),
  LastAdmin: define({ code: 'CS_ERR_LAST_ADMIN', status: 400, key: 'users.lastAdmin', log: 'info', message: 'The last active admin cannot lose the role' }),
  StatusNotAllowed: define({ code: 'CS_ERR_STATUS_NOT_ALLOWED', status: 400, key: 'users.badStatus', log: 'info', message: 'That status is not possible for this account' }),
  NotInvited: define({ code: 'CS_ERR_NOT_INVITED', status: 409, key: 'users.notInvited', log: 'info', message: 'Only an invited account can be sent a new invitation' }),
  TwoFactorRequired: define({ code: 'CS_ERR_TWO_FACTOR_REQUIRED', status: 400, key: 'account.2fa.required', log: 'info', message: 'Two-step verification is required for this role' }),
  TotpCodeWrong: define({ code: 'CS_ERR_TOTP_CODE_WRONG', status: 400, key: 'signIn.code.failed', log: 'info', message: 'Wrong authenticator code' }),
  ImageMissing: define({ code: 'CS_ERR_IMAGE_MISSING', status: 400, key: 'media.error.noFile', log: 'info', message: 'No image file in the upload' }),
  ImageNotSupported: define({ code: 'CS_ERR_IMAGE_NOT_SUPPORTED', status: 415, key: 'media.error.notImage', log: 'info', message: 'Not an image in a format we accept (JPEG, PNG, WebP, AVIF, GIF)' }),
  ImageTooLarge: define({ code: 'CS_ERR_IMAGE_TOO_LARGE', status: 413, key: 'media.error.tooLarge', log: 'info', message: 'Image file larger than 10 MB' }),
  ImageTooManyPixels: define({ code: 'CS_ERR_IMAGE_TOO_MANY_PIXELS', status: 413, key: 'media.error.pixels', log: 'info', message: 'Image larger than 50 megapixels' }),
  ImageAltMissing: define({ code: 'CS_ERR_IMAGE_ALT_MISSING', status: 400, key: 'media.error.alt', log: 'info', message: 'Image uploaded without alt text' }),
} as const;

type Catalog = typeof errors;
export type ErrorCode = Catalog[keyof Catalog]['spec']['code'];
export type ErrorEntry = ErrorSpec<ErrorCode>;

/** An error from the catalog; `C` narrows it to the codes a function can report. */
export type CatalogError<C extends ErrorCode = ErrorCode> = FastifyError & { code: C; statusCode: number };

const byCode = new Map<string, ErrorEntry>(Object.values(errors).map((e) => [e.spec.code, e.spec]));

/** The catalog entry for a code; undefined for an error the app did not raise (Fastify's, a plugin's). */
export function catalogEntry(code: unknown): ErrorEntry | undefined {
  return typeof code === 'string' ? byCode.get(code) : undefined;
}

/** The catalog key of what a person reads about an error. */
export function messageKey(error: CatalogError): MessageKey {
  return byCode.get(error.code)?.key ?? errors.Internal.spec.key;
}

/**
 * How a service reports a failure it expects (a wrong password, a taken address): as a value, so
 * the caller has to look at it; unexpected failures still throw.
 */
export type Result<T, C extends ErrorCode = ErrorCode, Extra extends object = object> = { ok: true; value: T } | ({ ok: false; error: CatalogError<C> } & Extra);

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<C extends ErrorCode>(error: CatalogError<C>): { ok: false; error: CatalogError<C> } {
  return { ok: false, error };
}
