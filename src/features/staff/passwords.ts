import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { onFirstUse } from '#src/platform/first-use.ts';

const argon2Async = promisify(argon2);

// OWASP's recommended argon2id setting: 19 MiB, 2 passes, 1 lane.
const params = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 };

const MIN_PASSWORD_LENGTH = 12;

// The list of common passwords (and the package's other dictionaries, which come with it) is a few
// MiB of heap that only someone setting a password needs: it is loaded then, not at start.
const commonPasswords = onFirstUse(async () => {
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  return new Set((dictionary as Record<string, string[]>)['passwords-common'] ?? []);
});

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email';

/** The password rules: long enough, not on the list of common passwords, not the email. */
export async function passwordProblem(password: string, email: string): Promise<PasswordProblem | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (password.length > 256) return 'too-long';
  const lower = password.toLowerCase();
  const listed = await commonPasswords();
  if (listed.has(lower) || listed.has(lower.replace(/\d+$/, ''))) return 'common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'contains-email';
  return null;
}

/** A PHC-format argon2id hash: $argon2id$v=19$m=…,t=…,p=…$salt$hash */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await argon2Async('argon2id', { message: password, nonce, ...params });
  return `$argon2id$v=19$m=${params.memory},t=${params.passes},p=${params.parallelism}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(phc);
  if (!m) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64url');
  const tag = await argon2Async('argon2id', {
    message: password,
    nonce: Buffer.from(m[4] ?? '', 'base64url'),
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    tagLength: expected.length,
  });
  return tag.length === expected.length && timingSafeEqual(tag, expected);
}

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
