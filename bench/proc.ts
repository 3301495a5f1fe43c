import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

// Linux /proc readers: the bench watches its children from outside, so it needs nothing from them.

const CLOCK_TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

/** CPU time (user + system, µs) a process has used so far; undefined once it is gone. */
export function cpuMicros(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MICROS; // utime, stime
  } catch {
    return undefined;
  }
}

/** Resident memory (bytes) of a process right now; undefined once it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const line = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (µs) the whole machine has spent busy, from /proc/stat; undefined where there is none. */
export function machineBusyMicros(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return (user + nice + system + irq + softirq) * CLOCK_TICK_MICROS;
  } catch {
    return undefined;
  }
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

export function machine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

/**
 * Samples a server's resident memory, and the load generator's CPU, every 100 ms while a scenario
 * runs. The generator's share comes from its first and last samples, so the few milliseconds it
 * spends after its last sample (printing its report) do not count.
 */
export class Sampler {
  peakRss = 0;
  private readonly serverPid: number;
  private loadgenPid: number | undefined;
  private readonly timer: NodeJS.Timeout;
  private first: { at: number; cpu: number } | undefined;
  private last: { at: number; cpu: number } | undefined;

  constructor(serverPid: number) {
    this.serverPid = serverPid;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  watchLoadgen(pid: number): void {
    this.loadgenPid = pid;
  }

  private sample(): void {
    this.peakRss = Math.max(this.peakRss, residentBytes(this.serverPid) ?? 0);
    const cpu = this.loadgenPid === undefined ? undefined : cpuMicros(this.loadgenPid);
    if (cpu === undefined) return;
    const now = performance.now() * 1000;
    this.first ??= { at: now, cpu };
    this.last = { at: now, cpu };
  }

  /** Stops sampling; the generator's CPU as a share of one core, when it was watched long enough. */
  stop(): number | undefined {
    clearInterval(this.timer);
    this.sample();
    if (!this.first || !this.last || this.last.at - this.first.at < 500_000) return undefined;
    return (this.last.cpu - this.first.cpu) / (this.last.at - this.first.at);
  }
}
