import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const mainFile = new URL('../src/main.ts', import.meta.url).pathname;

/** The real app (`node src/main.ts`) in a child process on 127.0.0.1, stopped by its PID. */
export interface AppProcess {
  pid: number;
  url: string;
  /** Exit code once it has exited (null while it runs, or when a signal ended it). */
  exitCode(): number | null;
  alive(): boolean;
  /** Its latest log lines (pino JSON), for the message of a failed assertion. */
  log: string[];
  stop(): Promise<void>;
}

/**
 * Starts the app with PORT=0 and learns its port from the "Server listening" log line. Mail goes to
 * a temporary folder; the caller's env adds DATABASE_URL and the like.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<AppProcess> {
  const mailDir = mkdtempSync(join(tmpdir(), 'caresite-mail-'));
  const child = spawn(process.execPath, [mainFile], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', MAIL_DIR: mailDir, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the app process did not start');
  const log: string[] = [];
  let exited = false;
  let code: number | null = null;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (c) => {
      exited = true;
      code = c;
      rmSync(mailDir, { recursive: true, force: true });
      resolve();
    }),
  );
  // Only the latest lines are kept: under load, request logs would otherwise grow without bound.
  const keep = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
  };
  createInterface({ input: child.stderr }).on('line', keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app not listening after ${timeoutMs} ms:\n${log.join('\n')}`)), timeoutMs);
    void gone.then(() => reject(new Error(`app exited (${code}) before listening:\n${log.join('\n')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (address) {
        clearTimeout(timer);
        resolve(address);
      }
    });
  }).catch(async (err: unknown) => {
    signal(pid, 'SIGKILL');
    await gone;
    throw err;
  });
  const stop = async () => {
    if (exited) return;
    signal(pid, 'SIGTERM');
    const force = setTimeout(() => signal(pid, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(force);
  };
  return { pid, url, exitCode: () => code, alive: () => !exited, log, stop };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
