import { fork, type ChildProcess } from 'node:child_process';

/** A server in a child process of its own, reachable on 127.0.0.1:port, stopped by its PID. */
export interface Child {
  name: string;
  pid: number;
  port: number;
  /** CPU time the child has used so far (user + system, µs), asked over IPC. */
  cpuMicros(): Promise<number>;
}

const running = new Map<number, ChildProcess>();

export async function startChild(name: string, file: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
  const proc = fork(new URL(file, import.meta.url).pathname, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (proc.pid === undefined) throw new Error(`${name}: could not start`);
  const pid = proc.pid;
  running.set(pid, proc);
  proc.once('exit', () => running.delete(pid));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not listening after 30 s`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`${name}: exited (${code}) before listening`)));
    proc.once('message', (m: { port?: number }) => {
      clearTimeout(timer);
      if (typeof m.port === 'number') resolve(m.port);
      else reject(new Error(`${name}: unexpected message ${JSON.stringify(m)}`));
    });
  });
  const cpuMicros = () =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no CPU report`)), 5000);
      proc.once('message', (m: { cpu: NodeJS.CpuUsage }) => {
        clearTimeout(timer);
        resolve(m.cpu.user + m.cpu.system);
      });
      proc.send('cpu');
    });
  return { name, pid, port, cpuMicros };
}

/** Asks each child to stop, then kills by PID whatever is still there after 5 s. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...running.entries()].map(([pid, proc]) => {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      kill(pid, 'SIGTERM');
      const force = setTimeout(() => kill(pid, 'SIGKILL'), 5000);
      return exited.finally(() => clearTimeout(force));
    }),
  );
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
