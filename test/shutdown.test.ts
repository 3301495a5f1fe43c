import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';

// The real process (`node src/main.ts`) on 127.0.0.1, stopped by signals as a service manager would.

const mainFile = new URL('../src/main.ts', import.meta.url).pathname;

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Resolves with the exit code and the time of exit (performance.now()). */
  exited: Promise<{ code: number | null; at: number }>;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });
}

async function startApp(t: TestContext, env: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-shutdown-'));
  const port = await freePort();
  const child = spawn(process.execPath, [mainFile], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, MAIL_DIR: join(dir, 'mail'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now() })));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; !(await healthy(port)); i++) {
    assert.ok(i < 300 && child.exitCode === null, `the app did not start:\n${output}`);
    await sleep(100);
  }
  return { child, port, output: () => output, exited };
}

/** Idle keep-alive connections, as a browser or load balancer leaves them after a request. */
async function keepAliveConnections(t: TestContext, port: number, n: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: n });
  t.after(() => agent.destroy());
  const one = () => new Promise<void>((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => res.resume().on('end', resolve)).on('error', reject));
  await Promise.all(Array.from({ length: n }, one));
  assert.equal(Object.values(agent.freeSockets).flat().length, n, `${n} idle keep-alive connections`);
}

/** A sign-in post whose body has not all arrived: a request in flight. `finish()` sends the rest. */
async function requestInFlight(port: number): Promise<{ socket: Socket; finish: () => void; response: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  socket.on('error', () => undefined);
  const response = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  const body = 'email=a%40example.org&password=x';
  socket.write(`POST /admin/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
  await sleep(100); // the server has the headers and is waiting for the body
  return { socket, finish: () => socket.write(body.slice(10)), response };
}

test('on SIGTERM the request in flight is answered and the process exits 0 at once, idle keep-alive connections or not', { timeout: 30_000 }, async (t) => {
  const app = await startApp(t);
  await keepAliveConnections(t, app.port, 8);
  const inFlight = await requestInFlight(app.port);
  const signalled = performance.now();
  app.child.kill('SIGTERM');
  await sleep(300);
  assert.equal(app.child.exitCode, null, 'still running while the request is unanswered');
  inFlight.finish();

  const response = await inFlight.response;
  assert.match(response, /^HTTP\/1\.1 403 /, `the request was answered by its route, not refused: ${response.split('\r\n')[0]}`);
  const { code, at } = await app.exited;
  assert.equal(code, 0, app.output());
  assert.ok(at - signalled < 3000, `exited ${Math.round(at - signalled)} ms after SIGTERM`);
});

test('a second signal ends the process at once', { timeout: 30_000 }, async (t) => {
  const app = await startApp(t);
  const stuck = await requestInFlight(app.port); // never finished
  t.after(() => stuck.socket.destroy());
  app.child.kill('SIGTERM');
  await sleep(300);
  assert.equal(app.child.exitCode, null, 'the first signal waits for the request');
  const second = performance.now();
  app.child.kill('SIGTERM');
  const { code, at } = await app.exited;
  assert.equal(code, 1);
  assert.ok(at - second < 1000, `exited ${Math.round(at - second)} ms after the second signal`);
  assert.match(app.output(), /second SIGTERM, exiting at once/);
});

test('a shutdown stuck past its deadline exits 1 with a log line', { timeout: 30_000 }, async (t) => {
  const app = await startApp(t, { SHUTDOWN_SECONDS: '1.5' });
  await keepAliveConnections(t, app.port, 4);
  const stuck = await requestInFlight(app.port); // a client that never sends the rest of its request
  t.after(() => stuck.socket.destroy());
  const signalled = performance.now();
  app.child.kill('SIGTERM');
  const { code, at } = await app.exited;
  const took = at - signalled;
  assert.equal(code, 1);
  assert.ok(took >= 1400 && took < 4000, `exited ${Math.round(took)} ms after SIGTERM, deadline 1500 ms`);
  assert.match(app.output(), /"level":50.*still busy after 1500 ms/, 'an error line in the log says why');
});
