import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { serveChild } from './child.ts';

/** One recorded response of the app: status, headers and body (base64). */
export interface Recorded {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

/** What the app answered for the article: plain, brotli, and the 304 for a matching If-None-Match. */
export interface Fixture {
  identity: Recorded;
  br: Recorded;
  notModified: Recorded;
}

const fixtureFile = process.argv[2];
if (!fixtureFile) throw new Error('usage: bare-server.ts <fixture.json>');
const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as Fixture;
const prepared = (r: Recorded) => ({ status: r.status, headers: r.headers, body: Buffer.from(r.body, 'base64') });
const identity = prepared(fixture.identity);
const br = prepared(fixture.br);
const notModified = prepared(fixture.notModified);

// The floor: the same bytes and headers as the app, with no routing, rendering or header logic.
const server = createServer((req, res) => {
  const page = /\bbr\b/.test(req.headers['accept-encoding'] ?? '') ? br : identity;
  const answer = req.headers['if-none-match'] === page.headers.etag ? notModified : page;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => serveChild(server, () => new Promise((resolve) => server.close(() => resolve()))));
