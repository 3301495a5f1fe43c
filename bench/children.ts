import { fork, type ChildProcess } from 'node:child_process';

/** A server in a child process of its own, reachable on 127.0.0.1:port, stopped by its PID. */
export interface Child {
  name: string;
  pid: number;
  port: number;
}

const running = new Map<number, ChildProcess>();

/** Remembers a child so that it is stopped (by its PID) however the bench ends. */
export function track(proc: ChildProcess, name: string): number {
  if (proc.pid === undefined) throw new Error(`${name}: could not start`);
  const pid = proc.pid;
  running.set(pid, proc);
  proc.once('exit', () => running.delete(pid));
  return pid;
}

/** Forks a bench server (it reports its port over IPC, see child.ts). */
export async function startChild(name: string, file: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
  const proc = fork(new URL(file, import.meta.url).pathname, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = track(proc, name);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not listening after 30 s`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`${name}: exited (${code}) before listening`)));
    proc.once('message', (m: { port?: number }) => {
      clearTimeout(timer);
      if (typeof m.port === 'number') resolve(m.port);
      else reject(new Error(`${name}: unexpected message ${JSON.stringify(m)}`));
    });
  });
  return { name, pid, port };
}

/** Asks one child to stop (SIGTERM), and kills it by PID if it is still there after `graceMs`. */
export async function stopChild(pid: number, graceMs = 5000): Promise<void> {
  const proc = running.get(pid);
  if (!proc) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  kill(pid, 'SIGTERM');
  const force = setTimeout(() => kill(pid, 'SIGKILL'), graceMs);
  await exited.finally(() => clearTimeout(force));
}

export async function stopChildren(): Promise<void> {
  await Promise.all([...running.keys()].map((pid) => stopChild(pid)));
}

/** Synchronous last resort for process exit paths. */
export function killChildrenNow(): void {
  for (const pid of running.keys()) kill(pid, 'SIGKILL');
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A bench run is bounded in time, and no child outlives it whichever way it ends: past the budget,
 * or on SIGINT / SIGTERM, the children are stopped and `cleanUp` runs before the process exits.
 */
export function boundInTime(budgetSeconds: number, cleanUp: () => Promise<void>): void {
  setTimeout(() => {
    console.error(`bench: still running after ${budgetSeconds} s, giving up`);
    killChildrenNow();
    void cleanUp().finally(() => process.exit(1));
  }, budgetSeconds * 1000).unref();
  process.on('exit', killChildrenNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`bench: ${signal}, stopping`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
