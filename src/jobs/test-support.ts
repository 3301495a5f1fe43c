import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';

// Helpers for the jobs tests only (imported by *.test.ts, never by the app).

export interface ReceivedMail {
  envelopeTo: string[];
  subject: string;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp:// URL for createMailer; STARTTLS runs with the server's self-signed certificate. */
  url: string;
  received: ReceivedMail[];
  /** Messages whose whole content the server read, then refused (see refuseDataFirst). */
  refused: ReceivedMail[];
  /** RCPT TO commands seen, accepted or not. */
  attempts(): number;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server). `rejectFirst` RCPT TO commands are refused with a
 * temporary 451, as a greylisting or overloaded server would; Infinity refuses them all.
 * `refuseDataFirst` messages are read in full and then refused with a 451, so a test sees what each
 * attempt carried.
 */
export async function startSmtpServer(t: Pick<TestContext, 'after'>, opts: { rejectFirst?: number; refuseDataFirst?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused: ReceivedMail[] = [];
  let rcpts = 0;
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      rcpts++;
      if (rcpts <= (opts.rejectFirst ?? 0)) {
        callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = { envelopeTo: session.envelope.rcptTo.map((a) => a.address), subject: headerValue(raw, 'subject'), raw };
        if (refused.length < (opts.refuseDataFirst ?? 0)) {
          refused.push(mail);
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}/?tls.rejectUnauthorized=false`, received, refused, attempts: () => rcpts };
}

/** The unfolded value of one header of a raw RFC 5322 message ('' when absent). */
export function headerValue(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
