import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../test/free-port.ts';
import { stopChild, track } from './children.ts';
import { fetchRaw } from './measure.ts';
import { residentBytes } from './proc.ts';

const repo = new URL('../', import.meta.url).pathname;
const START_TIMEOUT_MS = 180_000;

// Every setting src/config.ts reads: the caller's values are dropped, so the app runs on the
// defaults `npm start` has, except the ones a phase sets on purpose (and BENCH_APP_ENV).
const APP_SETTINGS = ['PORT', 'HOST', 'DATABASE_URL', 'BASE_URL', 'CONTENT_DIR', 'REDIS_URL', 'SMTP_URL', 'MAIL_FROM', 'MAIL_DIR', 'COOKIE_SECURE', 'TRUST_PROXY', 'SHUTDOWN_SECONDS', 'LOG_LEVEL', 'NODE_ENV'];

/** Extra app settings from BENCH_APP_ENV ("LOG_LEVEL=warn TRUST_PROXY=true"), to compare against the defaults. */
export function extraSettings(): Record<string, string> {
  const pairs = (process.env.BENCH_APP_ENV ?? '').split(/\s+/).filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`BENCH_APP_ENV: "${pair}" is not NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function appEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of APP_SETTINGS) delete env[name];
  return { ...env, ...settings, ...extraSettings() };
}

export interface AppProcess {
  pid: number;
  port: number;
  /** Seconds from spawn to the first answer of /healthz. */
  startSeconds: number;
  /** Resident memory (bytes) at that moment. */
  rssAfterStart: number;
  stop(): Promise<void>;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

interface StartCommand {
  /** `NAME=value` words before `node` (allocator settings). */
  env: Record<string, string>;
  /** Node's flags and the entry file. */
  args: string[];
}

/**
 * The `start` script of package.json, read so that the bench runs exactly what `npm start` runs
 * (`[NAME=value …] node [flags …] entry`), but as its own child: through npm, the PID measured would
 * be npm's. Anything more complex than that shape is refused rather than guessed at.
 */
export function startCommand(): StartCommand {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift() as string;
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  if (words.shift() !== 'node' || words.length === 0 || words.some((word) => /[;&|<>$`'"]/.test(word))) {
    throw new Error(`bench: cannot read the start script of package.json ("${pkg.scripts?.start}"): expected [NAME=value …] node [flags …] entry`);
  }
  return { env, args: words };
}

/**
 * The app as `npm start` runs it (see startCommand), from the repository, its log appended to
 * `logFile` (as `npm start >> file` would). It is ready when /healthz answers.
 */
export async function startApp(logFile: string, settings: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const command = startCommand();
  const env = { ...appEnv({ ...settings, PORT: String(port) }), ...command.env };
  const proc = spawn(process.execPath, command.args, { cwd: repo, env, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = track(proc, 'app');
  const started = performance.now();
  let exited: number | null | undefined;
  proc.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`app exited (${exited}) before answering; its log:\n${tail(logFile)}`);
    if (performance.now() - started > START_TIMEOUT_MS) {
      await stopChild(pid);
      throw new Error(`app not answering after ${START_TIMEOUT_MS / 1000} s; its log:\n${tail(logFile)}`);
    }
    const ok = await fetchRaw(port, '/healthz', {}).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const startSeconds = (performance.now() - started) / 1000;
  return { pid, port, startSeconds, rssAfterStart: residentBytes(pid) ?? 0, stop: () => stopChild(pid, 15_000) };
}

/** `node src/cli.ts <args>` on the same database, as an operator would run `npm run caresite -- <args>`. */
export async function runCli(args: string[], settings: Record<string, string>, logFile: string): Promise<void> {
  const out = openSync(logFile, 'a');
  const proc = spawn(process.execPath, ['src/cli.ts', ...args], { cwd: repo, env: appEnv(settings), stdio: ['ignore', out, out] });
  closeSync(out);
  track(proc, 'cli');
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  if (code !== 0) throw new Error(`caresite ${args.join(' ')} exited (${code}); log:\n${tail(logFile)}`);
}

/** The app's log file for a phase, in the bench's temporary folder. */
export const logFileIn = (dir: string, phase: string) => join(dir, `${phase}.log`);
