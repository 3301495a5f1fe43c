import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

// For the jobs tests only (imported by *.test.ts, never by the app): a real HTTP server on
// 127.0.0.1 standing in for a CRM or an SMS gateway, recording every request it receives.

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this server answered with. */
  status: number;
}

export interface TestHttpServer {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  received: RecordedRequest[];
  /** Requests answered with a 2xx: what the receiver took. */
  accepted(): RecordedRequest[];
  /** The status for the next requests (200 unless changed); null: never answer (a hung receiver). */
  answer: number | null;
  /** Stops listening and drops open connections: the receiver is down (connection refused). */
  close(): Promise<void>;
  /** Listens again on the same port: the receiver is back. */
  reopen(): Promise<void>;
}

export async function startHttpServer(t: Pick<TestContext, 'after'>, path = '/hook'): Promise<TestHttpServer> {
  const received: RecordedRequest[] = [];
  const state = { answer: 200 as number | null };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = state.answer;
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: status ?? 0 });
      if (status === null) return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `error ${status}: try later`);
    });
  });
  let listening = false;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  t.after(close);
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    get answer() {
      return state.answer;
    },
    set answer(status) {
      state.answer = status;
    },
    close,
    reopen: () => listen(port),
  };
}
