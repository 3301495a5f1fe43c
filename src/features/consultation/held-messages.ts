import { EMAIL, TEXT_MESSAGE, WEBHOOK } from '#src/jobs/outbox-sender.ts';

/**
 * The outbox rows that belong to a person, read for what they are: emails and text messages sent
 * (or waiting) to them, and copies of their requests sent to the clinic's own system (webhook).
 * A message is theirs by its recipient alone: a staff notice that names their reference is not.
 */

export interface HeldMessage {
  id: number;
  status: 'pending' | 'sent' | 'failed';
  created_at: string;
  sent_at: string | null;
  channel: 'email' | 'sms' | 'whatsapp' | 'webhook';
  /** The address or number it goes to; null for a webhook (it goes to the clinic's own system). */
  to: string | null;
  subject: string | null;
  /** The email's or text message's text; for a webhook, the JSON it sends. */
  text: string;
  /** The calendar invitation attached to an email, if any (iCalendar text). */
  invitation: string | null;
}

export type MessageContent = Omit<HeldMessage, 'id' | 'status' | 'created_at' | 'sent_at'>;

function parse(payload: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(payload);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What a row says, by its kind; null for anything else (an erased payload, a kind that holds nobody's data). */
export function readMessage(kind: string, payload: string): MessageContent | null {
  const p = parse(payload);
  if (!p) return null;
  if (kind === EMAIL && typeof p.to === 'string' && typeof p.subject === 'string' && typeof p.text === 'string') {
    const ical = p.icalEvent as { content?: unknown } | undefined;
    return { channel: 'email', to: p.to, subject: p.subject, text: p.text, invitation: typeof ical?.content === 'string' ? ical.content : null };
  }
  if (kind === TEXT_MESSAGE && typeof p.to === 'string' && typeof p.text === 'string' && (p.channel === 'sms' || p.channel === 'whatsapp')) {
    return { channel: p.channel, to: p.to, subject: null, text: p.text, invitation: null };
  }
  if (kind === WEBHOOK && typeof p.body === 'string') return { channel: 'webhook', to: null, subject: null, text: p.body, invitation: null };
  return null;
}

/** Who someone is, as the outbox knows them: their addresses (lower case), numbers (E.164) and request references. */
export interface Person {
  addresses: ReadonlySet<string>;
  phones: ReadonlySet<string>;
  references: ReadonlySet<string>;
}

/** A message to one of the person's addresses or numbers, or a webhook about one of their requests. */
export function isTheirs(message: MessageContent, payload: string, person: Person): boolean {
  if (message.to !== null) return person.addresses.has(message.to.toLowerCase()) || person.phones.has(message.to);
  return [...person.references].some((reference) => payload.includes(reference));
}
