// Accepted consultation requests per second (issue 10, "Reliability: benchmark").
//
// The app as `npm start` runs it (bench/app-process.ts), on a SQLite file in a temporary folder and,
// given a PostgreSQL server, on a database of its own there; wrk posts valid urlencoded forms to
// /consultation, each with a random Pakistani mobile and a random X-Forwarded-For address (the app
// trusts the proxy header here), so that neither the per-phone nor the per-address limit answers.
// No proof of work is sent (solving one costs the client far more than the server's check), so
// each request is stored as "new, marked for a closer look" with its email to the clinic, in one
// transaction: what is measured is the whole post (parsing, checks, limits, that transaction, 303).
// The app's outbox worker sends those emails (to .eml files) while the load runs, as it would in
// production. It sends at most a batch of 20 every 2 s (src/jobs/outbox.ts), far fewer than the
// requests accepted here, so the queue grows during the bench and its cost per run stays about the
// same; the emails still queued after each run are reported, not waited for.
//
// Alone:   node bench/consultation.ts [--json]
//          settings from the environment: BENCH_SECONDS (8), BENCH_RUNS (3), BENCH_THREADS (2),
//          BENCH_CONSULT_CONNECTIONS (16), BENCH_DATABASE_URL (a PostgreSQL server; none: SQLite only),
//          BENCH_WRK (another wrk build), BENCH_APP_ENV (extra app settings, see app-process.ts).
// From another bench: `const report = await consultationBench({ dir, seconds, runs, postgres, log })`,
// then print `report.lines` (and put `report` in a JSON output).
//
// Durability, printed with the figures as read from the database:
// - SQLite: journal_mode=WAL, synchronous=NORMAL (src/db/sqlite-adapter.ts). A commit is a write()
//   to the WAL, fsync'ed only at checkpoints: an acknowledged request survives a crash of the app
//   (scripts/consultation-durability.ts kills it to check), but a power loss or kernel crash may
//   take the last commits with it. synchronous=FULL would close that gap at the price of an fsync
//   in every commit, which would then bound this figure.
// - PostgreSQL: the server's own setting, by default synchronous_commit=on with fsync=on: the WAL is
//   flushed to disk before COMMIT returns, so a 303 survives a power loss too (each commit waits for
//   a flush; one flush covers every commit that arrived while it ran).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connect } from '#src/db/connection.ts';
import { extraSettings, logFileIn, startApp, startCommand, type AppProcess } from './app-process.ts';
import { boundInTime, stopChildren } from './children.ts';
import { wrkResult } from './loadgen.ts';
import { median } from './measure.ts';
import { createDatabase } from './postgres.ts';
import { cpuMicros, machine, Sampler } from './proc.ts';

export interface ConsultationBenchOptions {
  /** A folder for the SQLite file, the app's logs, its mail and wrk's script (the caller removes it). */
  dir: string;
  /** Seconds per run (8). */
  seconds?: number;
  /** Runs per database (3); the figures are their medians. */
  runs?: number;
  threads?: number;
  /**
   * wrk connections (16): enough to keep the app busy. More only queue: on SQLite every query waits
   * for the one connection (Kysely's mutex, held through a whole transaction), and at 32 the figure on
   * this project's 2-core machine was lower and p99 about four times longer.
   */
  connections?: number;
  /** A PostgreSQL server URL where a database of the bench's own is created and then dropped; none: SQLite only. */
  postgres?: string;
  /** Where progress lines go (nothing by default). */
  log?: (line: string) => void;
}

export interface AcceptedRun {
  /** 303 answers per second. */
  acceptedPerSecond: number;
  /** Of every answer, 303 or not. */
  p99Ms: number;
  requests: number;
  /** Answers other than 303 (each would be a patient who did not get through). */
  notAccepted: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  /** Server CPU time (µs) per accepted request, the app process only (not the PostgreSQL server). */
  cpuPerAccepted: number;
  peakRss: number;
  /** Emails still queued in the outbox when the run ended. */
  mailQueued: number;
}

export interface ConsultationReport {
  config: { seconds: number; runs: number; threads: number; connections: number };
  figures: AcceptedFigures[];
  /** The figures as text, one line per database and one with its runs. */
  lines: string[];
}

export interface AcceptedFigures {
  database: 'SQLite' | 'PostgreSQL';
  /** The durability setting the figures were measured with, as read from the database. */
  durability: string;
  runs: AcceptedRun[];
  median: { acceptedPerSecond: number; p99Ms: number; notAccepted: number; cpuPerAccepted: number };
}

const WARMUP_SECONDS = 2;
const MARK = 'BENCH_RESULT ';
const wrkBinary = process.env.BENCH_WRK ?? 'wrk';

/** Operator codes (03XX) libphonenumber accepts for Pakistani mobiles. */
const OPERATORS = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '21', '22', '23', '24', '25', '31', '32', '33', '34', '35', '36', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49'];

/**
 * wrk's script: a valid form with a random mobile and address per request, 303s counted per thread
 * in `response` and summed in `done` (which runs in the main Lua state, so it reads each thread's
 * counters through the thread objects kept in `setup`); the result is printed as one JSON line.
 */
function formLua(): string {
  return `
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + seed)
  accepted = 0
  other = 0
end
local operators = { ${OPERATORS.map((o) => `"${o}"`).join(', ')} }
local function octet() return math.random(1, 254) end
request = function()
  local phone = "03" .. operators[math.random(#operators)] .. "-" .. string.format("%07d", math.random(0, 9999999))
  local body = "name=Bench+Patient&phone=" .. phone .. "&country=PK&email=&replyVia=phone&preferredTime=any" ..
    "&timeZone=Asia%2FKarachi&city=Lahore&condition=other&message=A+question+about+an+appointment.&consent=yes&fill=45000&website="
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["X-Forwarded-For"] = octet() .. "." .. octet() .. "." .. octet() .. "." .. octet(),
  }
  return wrk.format("POST", "/consultation", headers, body)
end
response = function(status, headers, body)
  if status == 303 then accepted = accepted + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format('${MARK}{"requests":%d,"micros":%d,"p99":%.1f,"accepted":%d,"other":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(99), a, o, e.connect + e.read + e.write + e.timeout))
end
`;
}

interface WrkResult {
  requests: number;
  micros: number;
  p99: number;
  accepted: number;
  other: number;
  socket: number;
}

async function runWrk(port: number, seconds: number, o: { threads: number; connections: number; script: string }, sampler: Sampler): Promise<WrkResult> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', o.script, `http://127.0.0.1:${port}/consultation`];
  return wrkResult<WrkResult>(args, seconds, sampler);
}

/** The durability setting in force, read from the database (SQLite: on a connection opened by the app's own adapter). */
export async function durabilitySetting(databaseUrl: string): Promise<string> {
  const db = connect(databaseUrl);
  try {
    if (db.dialect === 'sqlite') {
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db.kysely);
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db.kysely);
      const names = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
      return `journal_mode=${mode.rows[0]?.journal_mode ?? '?'}, synchronous=${names[sync.rows[0]?.synchronous ?? -1] ?? '?'}`;
    }
    const show = async (name: string) => (await sql<{ value: string }>`SELECT current_setting(${name}) AS value`.execute(db.kysely)).rows[0]?.value ?? '?';
    return `synchronous_commit=${await show('synchronous_commit')}, fsync=${await show('fsync')}`;
  } finally {
    await db.close();
  }
}

/** Emails waiting in the outbox (not yet sent, not given up on). */
async function queuedMail(databaseUrl: string): Promise<number> {
  const db = connect(databaseUrl);
  try {
    const row = await db.kysely.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
    return Number(row?.n ?? 0);
  } finally {
    await db.close();
  }
}

async function benchOne(database: AcceptedFigures['database'], databaseUrl: string, o: Required<Omit<ConsultationBenchOptions, 'postgres'>>, script: string): Promise<AcceptedFigures> {
  const app: AppProcess = await startApp(logFileIn(o.dir, `consultation-${database.toLowerCase()}`), {
    DATABASE_URL: databaseUrl,
    TRUST_PROXY: 'true',
    MAIL_DIR: join(o.dir, `mail-${database.toLowerCase()}`),
  });
  try {
    const durability = await durabilitySetting(databaseUrl);
    o.log(`  ${database} (${durability}): app pid ${app.pid} on 127.0.0.1:${app.port}, warming up ${WARMUP_SECONDS} s ...`);
    const load = { threads: o.threads, connections: o.connections, script };
    const warm = new Sampler(app.pid);
    await runWrk(app.port, WARMUP_SECONDS, load, warm);
    warm.stop();
    const runs: AcceptedRun[] = [];
    for (let round = 1; round <= o.runs; round++) {
      o.log(`    round ${round}/${o.runs} ...`);
      const sampler = new Sampler(app.pid);
      const cpu0 = cpuMicros(app.pid) ?? 0;
      const r = await runWrk(app.port, o.seconds, load, sampler);
      const cpu1 = cpuMicros(app.pid) ?? cpu0;
      sampler.stop();
      runs.push({
        acceptedPerSecond: r.accepted / (r.micros / 1e6),
        p99Ms: r.p99 / 1000,
        requests: r.requests,
        notAccepted: r.other,
        socketErrors: r.socket,
        cpuPerAccepted: (cpu1 - cpu0) / Math.max(r.accepted, 1),
        peakRss: sampler.peakRss,
        mailQueued: await queuedMail(databaseUrl),
      });
    }
    const med = (pick: (r: AcceptedRun) => number) => median(runs.map(pick));
    return {
      database,
      durability,
      runs,
      median: { acceptedPerSecond: med((r) => r.acceptedPerSecond), p99Ms: med((r) => r.p99Ms), notAccepted: med((r) => r.notAccepted), cpuPerAccepted: med((r) => r.cpuPerAccepted) },
    };
  } finally {
    await app.stop();
  }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** The lines that report the figures: one per database, medians first, then each run. */
function consultationLines(figures: AcceptedFigures[], o: { threads: number; connections: number; seconds: number; runs: number }): string[] {
  const lines = [
    `Accepted consultation requests: POST /consultation, a valid form with a random mobile and X-Forwarded-For per request, no proof of work;`,
    `  wrk ${o.threads} threads ${o.connections} connections, ${o.runs} runs x ${o.seconds} s per database, medians`,
  ];
  for (const f of figures) {
    const m = f.median;
    lines.push(`  ${f.database.padEnd(10)} ${m.acceptedPerSecond.toFixed(0).padStart(6)} accepted/s   p99 ${m.p99Ms.toFixed(1).padStart(6)} ms   non-303 ${m.notAccepted}   ` + `app CPU ${m.cpuPerAccepted.toFixed(0)} µs/accepted   peak RSS ${mib(Math.max(...f.runs.map((r) => r.peakRss)))} MiB   durability: ${f.durability}`);
    lines.push(`  ${''.padEnd(10)} runs: ${f.runs.map((r) => `${r.acceptedPerSecond.toFixed(0)}/s p99 ${r.p99Ms.toFixed(1)} ms, ${r.notAccepted} non-303, ${r.socketErrors} socket errors, peak RSS ${mib(r.peakRss)} MiB, ${r.mailQueued} emails queued after`).join('; ')}`);
  }
  return lines;
}

/** Measures accepted submissions per second and p99 on SQLite and, given `postgres`, on PostgreSQL. Needs wrk. */
export async function consultationBench(options: ConsultationBenchOptions): Promise<ConsultationReport> {
  const o = {
    dir: options.dir,
    seconds: options.seconds ?? 8,
    runs: options.runs ?? 3,
    threads: options.threads ?? 2,
    connections: options.connections ?? 16,
    log: options.log ?? (() => {}),
  };
  if (spawnSync(wrkBinary, ['--version']).error) throw new Error(`the consultation bench needs wrk (apt-get install wrk), or BENCH_WRK naming one; "${wrkBinary}" did not run`);
  const script = join(o.dir, 'consultation.lua');
  writeFileSync(script, formLua());
  const figures = [await benchOne('SQLite', `sqlite:${join(o.dir, 'consultation', 'caresite.db')}`, o, script)];
  if (options.postgres) {
    const db = await createDatabase(options.postgres);
    try {
      figures.push(await benchOne('PostgreSQL', db.url, o, script));
    } finally {
      await db.drop();
    }
  }
  const config = { seconds: o.seconds, runs: o.runs, threads: o.threads, connections: o.connections };
  return { config, figures, lines: consultationLines(figures, config) };
}

// ---------------------------------------------------------------------------------------------
// Run alone: `node bench/consultation.ts [--json]`.

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

async function alone(): Promise<void> {
  const asJson = process.argv.includes('--json');
  const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);
  const settings = { seconds: envInt('BENCH_SECONDS', 8), runs: envInt('BENCH_RUNS', 3), threads: envInt('BENCH_THREADS', 2), connections: envInt('BENCH_CONSULT_CONNECTIONS', 16) };
  const dir = mkdtempSync(join(tmpdir(), 'caresite-bench-consult-'));
  const cleanUp = async () => {
    await stopChildren();
    rmSync(dir, { recursive: true, force: true });
  };
  // Bounded in time, and no child outlives this process whichever way it ends.
  boundInTime(2 * (settings.runs * (settings.seconds + 10) + WARMUP_SECONDS + 200), cleanUp);
  const m = machine();
  const start = startCommand();
  const extra = Object.entries(extraSettings()).map(([k, v]) => `${k}=${v}`).join(' ');
  log(`Caresite consultation bench: the app as \`npm start\` runs it (${[...Object.entries(start.env).map(([k, v]) => `${k}=${v}`), 'node', ...start.args].join(' ')}, TRUST_PROXY=true${extra ? `, plus ${extra}` : ''})`);
  log(`  ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}`);
  try {
    const report = await consultationBench({ dir, ...settings, postgres: process.env.BENCH_DATABASE_URL, log });
    log('');
    for (const line of report.lines) log(line);
    if (asJson) process.stdout.write(`${JSON.stringify({ machine: m, config: report.config, figures: report.figures }, null, 2)}\n`);
  } finally {
    await cleanUp();
  }
}

if (import.meta.main) {
  try {
    await alone();
    process.exit(0);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
