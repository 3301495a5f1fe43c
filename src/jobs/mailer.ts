import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { onFirstUse } from '#src/platform/first-use.ts';

export interface MailMessage {
  /** Defaults to the configured MAIL_FROM, so the outbox need not know the sender. */
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header, `<unique@domain>`; nodemailer makes one up when absent. */
  messageId?: string;
  /** A calendar invitation (iCalendar text), sent as the text/calendar part that mail apps offer to add. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export interface Mailer {
  /** Resolves once the server (or the file) has the message; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
  /** One line for the start-up log; never contains credentials. */
  describe(): string;
}

export interface MailerConfig {
  smtpUrl?: string | undefined;
  mailFrom: string;
  mailDir: string;
}

/** SMTP when SMTP_URL is set; otherwise each message becomes an .eml file, so development needs no mail server. */
export function createMailer(config: MailerConfig): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : fileMailer(config.mailDir, config.mailFrom);
}

// nodemailer waits up to 10 minutes on an idle socket by default; a worker holds a lease on the
// rows it sends, so a stuck server must fail fast and leave the retry to the outbox.
const smtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

// nodemailer (with the MIME, TLS and DNS code it brings) is imported with the first message rather
// than at start: a process may send nothing for hours, and no page needs it.
function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Options in the URL's query (e.g. ?ignoreTLS=true) override these, as nodemailer documents.
  const transport = onFirstUse(async () => (await import('nodemailer')).createTransport({ url: smtpUrl, ...smtpTimeouts }));
  return {
    async send(message) {
      await (await transport()).sendMail({ from, ...message });
    },
    describe: () => `mail is sent through SMTP at ${redactUrl(smtpUrl)}`,
  };
}

function fileMailer(mailDir: string, from: string): Mailer {
  // CRLF line ends: an .eml file is an RFC 5322 message and opens as such in any mail client.
  const transport = onFirstUse(async () => (await import('nodemailer')).createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
  return {
    async send(message) {
      const info = await (await transport()).sendMail({ from, ...message });
      await mkdir(mailDir, { recursive: true });
      await writeFile(join(mailDir, emlFileName(new Date())), info.message, { flag: 'wx' });
    },
    describe: () => `no SMTP_URL: mail is written to ${resolve(mailDir)}/`,
  };
}

/** Sorts by time in a directory listing; the random part keeps two messages in one millisecond apart. */
function emlFileName(at: Date): string {
  return `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}

/** The domain of the sender's address (for Message-IDs); `localhost` when it has none. */
export function domainOf(mailFrom: string): string {
  const address = /<([^>]*)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
  return address.includes('@') && /^[a-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

/** Keeps scheme, host and port; drops user name, password and query (which may hold secrets too). */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return '(unparsable SMTP_URL)';
  }
}
