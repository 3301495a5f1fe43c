// Durability of consultation requests under crashes (issue 10, "Reliability: durability").
//
//   node scripts/consultation-durability.ts [--database postgres://user@host:5432/postgres]
//        [--seconds 40] [--rate 20] [--kill-every 7] [--keep]
//
// Starts the app the way `npm start` does (bench/app-process.ts reads package.json's start
// command) as a child process on 127.0.0.1, on a fresh SQLite file in a temporary folder, or, with
// --database (an admin URL of a PostgreSQL server), on a database of its own that it creates and
// drops. Then it posts valid consultation forms at a steady rate (each with a phone number of its
// own and its own X-Forwarded-For address, the app trusting the proxy header, so that no rate limit
// answers; no proof of work, so each is stored as "new, marked for a closer look") while killing
// the app with SIGKILL every few seconds and starting it again. No request is ever retried.
// At the end the app is killed once more and restarted, and the database is read:
//   acknowledged   answered 303 with a reference
//   stored         rows in consultation_requests
//   lost           acknowledged, but its reference is not stored (with its phone): must be 0
//   duplicated     one request stored more than once: must be 0 (nothing retries)
//   unacknowledged stored, but the client saw an error (the answer was cut off by the kill): fine,
//                  the patient was told nothing and sees the form again
//   outbox         every stored request has exactly its one email to the clinic (same transaction),
//                  and no email exists for a request that is not stored: must hold
// The exit status is 1 when anything that must be 0 is not.
//
// What a SIGKILL can and cannot tell:
// - SQLite (src/db/sqlite-adapter.ts): journal_mode=WAL, synchronous=NORMAL. A commit appends the
//   transaction to the WAL file with write(), and the WAL is fsync'ed only at checkpoints, not at
//   each commit. A killed process loses nothing it committed: the bytes are in the kernel's page
//   cache, which outlives the process, and the next open replays the WAL. A power loss or a kernel
//   crash, though, may lose the last transactions committed before it (the database stays
//   consistent, never corrupt). So with NORMAL a 303 means "survives a crash of the app", not
//   "survives a power cut"; synchronous=FULL would give the latter at the price of an fsync per
//   commit. This script can only test the former.
// - PostgreSQL: the server's defaults, synchronous_commit=on and fsync=on (printed below as read
//   from the server): COMMIT returns only once the WAL record is flushed to disk, so an
//   acknowledged request survives both the app's death and the database server's (given a disk
//   that honours flushes). Killing the app here kills only the client side; the transactions it
//   had open are rolled back by the server.
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { logFileIn, startApp, type AppProcess } from '../bench/app-process.ts';
import { killChildrenNow, stopChildren } from '../bench/children.ts';
import { durabilitySetting } from '../bench/consultation.ts';
import { createDatabase } from '../bench/postgres.ts';
import { connect } from '#src/db/connection.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    seconds: { type: 'string', default: '40' },
    rate: { type: 'string', default: '20' },
    'kill-every': { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const number = (name: string, value: string | undefined, max: number) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`--${name} must be a number above 0, at most ${max}`);
  return n;
};
const SECONDS = number('seconds', args.seconds, 600);
const RATE = number('rate', args.rate, 500);
const KILL_EVERY_MS = number('kill-every', args['kill-every'], 600) * 1000;
/** After a restart the app runs at least this long before the next kill, however slow the restart was. */
const MIN_UPTIME_MS = 2000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Requests still in flight when the load stops get this long to be answered (then count as failed). */
const SETTLE_MS = REQUEST_TIMEOUT_MS + 1000;
/** Whatever happens, the script ends within this (the children killed by PID, temp files removed). */
const BUDGET_MS = (SECONDS + 300) * 1000;

const dir = mkdtempSync(join(tmpdir(), 'caresite-durability-'));
const cleanups: (() => Promise<void>)[] = [];
let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopChildren();
  for (const undo of cleanups.splice(0).reverse()) await undo().catch((err: unknown) => console.error('durability: cleaning up:', err));
  if (args.keep) console.log(`kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
setTimeout(() => {
  console.error(`durability: still running after ${BUDGET_MS / 1000} s, giving up`);
  killChildrenNow();
  void cleanUp().finally(() => process.exit(2));
}, BUDGET_MS).unref();
process.on('exit', killChildrenNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`durability: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The client: one request per sequence number, never retried.

/** Mobile operator codes (03XX) that libphonenumber accepts for Pakistan. */
const OPERATORS = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '21', '22', '23', '24', '25', '31', '32', '33', '34', '35', '36', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49'];

/** A Pakistani mobile of its own for request `seq`, as typed and as stored (E.164). */
function phoneOf(seq: number): { typed: string; e164: string } {
  const operator = OPERATORS[Math.floor(seq / 10_000_000) % OPERATORS.length] ?? '00';
  const subscriber = String(seq % 10_000_000).padStart(7, '0');
  return { typed: `03${operator}-${subscriber}`, e164: `+923${operator}${subscriber}` };
}

const addressOf = (seq: number) => `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;

type Outcome = { kind: 'acknowledged'; reference: string } | { kind: 'status'; status: number } | { kind: 'error'; code: string };

function post(port: number, seq: number): Promise<Outcome> {
  const body = new URLSearchParams({
    name: `Durability ${seq}`,
    phone: phoneOf(seq).typed,
    country: 'PK',
    email: '',
    replyVia: 'phone',
    preferredTime: 'any',
    timeZone: 'Asia/Karachi',
    city: 'Lahore',
    condition: 'other',
    message: `Durability request ${seq}.`,
    consent: 'yes',
    fill: '45000',
    website: '',
  }).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'sec-fetch-site': 'same-origin',
    'x-forwarded-for': addressOf(seq),
  };
  return new Promise((resolve) => {
    // A connection of its own (no agent): a kill then cuts exactly the requests it was serving.
    const req = request({ host: '127.0.0.1', port, path: '/consultation', method: 'POST', headers, agent: false, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ kind: 'error', code: err.code ?? err.message }));
      res.on('end', () => {
        const reference = /\/consultation\/thanks\/(CS-[A-Z0-9]{4}-[A-Z0-9]{4})$/.exec(String(res.headers.location ?? ''))?.[1];
        resolve(res.statusCode === 303 && reference ? { kind: 'acknowledged', reference } : { kind: 'status', status: res.statusCode ?? 0 });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ kind: 'error', code: err.code ?? err.message }));
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// The app: started, killed, started again.

let app: AppProcess | undefined;
/** The port requests go to: the last app's, also while it is down (they are then refused, as a browser's would be). */
let port = 0;
let kills = 0;
const downtimes: number[] = [];

async function start(logFile: string, settings: Record<string, string>): Promise<void> {
  app = await startApp(logFile, settings);
  port = app.port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL, by PID, then waits until the process is gone (Node reaps its children itself). */
async function kill(): Promise<void> {
  const pid = app?.pid;
  if (pid === undefined) return;
  process.kill(pid, 'SIGKILL');
  kills++;
  app = undefined;
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`app ${pid} still there 10 s after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------

interface Sent {
  seq: number;
  e164: string;
  outcome?: Outcome;
}

async function main(): Promise<number> {
  const admin = args.database;
  let databaseUrl: string;
  if (admin) {
    const db = await createDatabase(admin);
    cleanups.push(db.drop);
    databaseUrl = db.url;
  } else {
    databaseUrl = `sqlite:${join(dir, 'caresite.db')}`;
  }
  const settings = { DATABASE_URL: databaseUrl, TRUST_PROXY: 'true', MAIL_DIR: join(dir, 'mail') };
  const logFile = logFileIn(dir, 'app');
  const engine = admin ? 'PostgreSQL' : 'SQLite';
  console.log(`Consultation durability on ${engine}: ${RATE} requests/s for ${SECONDS} s, SIGKILL every ~${KILL_EVERY_MS / 1000} s, the app as \`npm start\` runs it`);

  await start(logFile, settings);
  console.log(`  first start (migrations, demo content): ${app?.startSeconds.toFixed(1)} s`);

  const sent: Sent[] = [];
  const inFlight = new Set<Promise<void>>();
  const began = Date.now();
  const interval = 1000 / RATE;

  // Requests leave on a fixed schedule (the n-th at began + n·interval), whatever the answers do.
  const load = (async () => {
    for (let seq = 1; ; seq++) {
      const due = began + (seq - 1) * interval;
      if (due - began >= SECONDS * 1000) break;
      await sleep(Math.max(0, due - Date.now()));
      const entry: Sent = { seq, e164: phoneOf(seq).e164 };
      sent.push(entry);
      const p = post(port, seq).then((outcome) => {
        entry.outcome = outcome;
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  })();

  // Kills at irregular moments (a random part of a second added), so they land in every phase of a request.
  const killer = (async () => {
    let next = began + KILL_EVERY_MS;
    for (;;) {
      next += Math.floor(Math.random() * 1000);
      if (next >= began + SECONDS * 1000 - MIN_UPTIME_MS) return;
      await sleep(Math.max(0, next - Date.now()));
      const downAt = Date.now();
      await kill();
      await start(logFile, settings);
      downtimes.push(Date.now() - downAt);
      next = Math.max(next + KILL_EVERY_MS, Date.now() + MIN_UPTIME_MS);
    }
  })();

  await Promise.all([load, killer]);
  const settleBy = Date.now() + SETTLE_MS;
  while (inFlight.size > 0 && Date.now() < settleBy) await sleep(50);

  // Killed once more at the end, then started again: what a crash-and-restart leaves is what is counted.
  await kill();
  await start(logFile, settings);
  const report = await check(databaseUrl, sent, engine);
  await app?.stop();
  if (!report.ok) console.error(`\nthe app's log (last lines):\n${tail(logFile)}`);
  return report.ok ? 0 : 1;
}

async function check(databaseUrl: string, sent: Sent[], engine: string): Promise<{ ok: boolean }> {
  const db = connect(databaseUrl);
  try {
    const rows = await db.kysely.selectFrom('consultation_requests').select(['reference', 'phone']).execute();
    const outbox = await db.kysely.selectFrom('outbox').select('payload').execute();
    const setting = `${await durabilitySetting(databaseUrl)} (${engine === 'SQLite' ? 'a crash of the app loses no commit; a power loss may lose the last ones' : 'a commit is on disk before the 303'})`;

    const byPhone = new Map<string, string[]>();
    for (const row of rows) byPhone.set(row.phone, [...(byPhone.get(row.phone) ?? []), row.reference]);
    const referencePhone = new Map(rows.map((r) => [r.reference, r.phone]));
    // The email to the clinic links to the request's dashboard page, which names its reference.
    const mailed = new Map<string, number>();
    // (It may name it more than once: text and HTML; each email counts once.)
    for (const { payload } of outbox) {
      for (const ref of new Set(Array.from(payload.matchAll(/CS-[A-Z0-9]{4}-[A-Z0-9]{4}/g), (m) => m[0]))) mailed.set(ref, (mailed.get(ref) ?? 0) + 1);
    }

    const acknowledged = sent.filter((s) => s.outcome?.kind === 'acknowledged');
    const lost = acknowledged.filter((s) => s.outcome?.kind === 'acknowledged' && referencePhone.get(s.outcome.reference) !== s.e164);
    const duplicated = [...byPhone.values()].filter((refs) => refs.length > 1);
    const unacknowledged = sent.filter((s) => s.outcome?.kind !== 'acknowledged' && byPhone.has(s.e164));
    const ours = new Set(sent.map((s) => s.e164));
    const strangers = rows.filter((r) => !ours.has(r.phone));
    const withoutMail = rows.filter((r) => mailed.get(r.reference) !== 1);
    const mailWithoutRequest = [...mailed.keys()].filter((ref) => !referencePhone.has(ref));

    const failures = new Map<string, number>();
    for (const s of sent) {
      const o = s.outcome;
      const key = !o ? 'no answer in time' : o.kind === 'acknowledged' ? undefined : o.kind === 'status' ? `HTTP ${o.status}` : o.code;
      if (key) failures.set(key, (failures.get(key) ?? 0) + 1);
    }

    const ok = lost.length === 0 && duplicated.length === 0 && strangers.length === 0 && withoutMail.length === 0 && mailWithoutRequest.length === 0;
    console.log(`  durability setting: ${setting}`);
    console.log(`  kills (SIGKILL): ${kills} (the last one after the load, then one more restart); restart took ${downtimes.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
    console.log(`  sent:                           ${sent.length}`);
    console.log(`  acknowledged (303):             ${acknowledged.length}`);
    console.log(`  not acknowledged:               ${sent.length - acknowledged.length}  (${[...failures].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'})`);
    console.log(`  stored:                         ${rows.length}`);
    console.log(`  lost (acknowledged, not stored): ${lost.length}${lost.length ? `  e.g. request ${lost[0]?.seq}` : ''}`);
    console.log(`  duplicated (stored twice):      ${duplicated.length}`);
    console.log(`  stored but not acknowledged:    ${unacknowledged.length}  (fine: the client saw an error)`);
    console.log(`  outbox: requests without exactly one email ${withoutMail.length}, emails without a request ${mailWithoutRequest.length}`);
    if (strangers.length) console.log(`  rows no request of this run explains: ${strangers.length}`);
    console.log(ok ? 'OK: every acknowledged request is stored, once, with its email' : 'FAILED');
    return { ok };
  } finally {
    await db.close();
  }
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err);
} finally {
  await cleanUp();
}
process.exit(code);
