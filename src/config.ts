import { z } from 'zod';
import { errors } from './errors.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/caresite.db')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with sqlite: (e.g. sqlite:./data/caresite.db) or postgres://',
    }),
  BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL, e.g. https://clinic.example.org' })
    .optional(),
  CONTENT_DIR: z.string().default('content/demo'),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), { message: 'must be redis://host:6379 or rediss://…' })
    .optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must be smtp://user:password@host:587 or smtps://…:465' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Caresite <no-reply@localhost>'),
  MAIL_DIR: z.string().default('data/mail'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  SHUTDOWN_SECONDS: z.coerce.number().positive().max(600).default(10),
  PAGE_CACHE_MB: z.coerce.number().positive().max(65536).default(32),
  SLOW_REQUEST_MS: z.coerce.number().int().positive().default(500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  baseUrl: string;
  contentDir: string;
  logLevel: string;
  /** Requests taking at least this long are logged at warn (the only per-request line at the default level). */
  slowRequestMs: number;
  /** Upper bound of the public page cache, in bytes (every encoding of every page counted). */
  pageCacheBytes: number;
  /** Shared store for rate limits when several processes serve the site. */
  redisUrl: string | undefined;
  /** Outgoing mail: SMTP when set; otherwise messages are written as .eml files to mailDir. */
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  /** Session cookies carry Secure when the site is served over HTTPS (or when forced). */
  cookieSecure: boolean;
  /** Behind a load balancer, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** On SIGTERM, how long open requests and the email being sent may take before the process exits anyway. */
  shutdownSeconds: number;
  production: boolean;
}

/** A bad environment variable: start-up stops (exit 2) with a message naming it. */
export const ConfigError = errors.ConfigInvalid;

/** Reads and validates settings once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    baseUrl,
    contentDir: e.CONTENT_DIR,
    logLevel: e.LOG_LEVEL,
    slowRequestMs: e.SLOW_REQUEST_MS,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: e.MAIL_DIR,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? baseUrl.startsWith('https:') : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    shutdownSeconds: e.SHUTDOWN_SECONDS,
    production: e.NODE_ENV === 'production',
  };
}
