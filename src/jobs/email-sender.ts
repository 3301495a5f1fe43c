import type { Mailer } from './mailer.ts';
import { EMAIL, parseJson, UnreadablePayload, type OutboxSender } from './outbox-sender.ts';

// The email kind of outbox row: its payload, and how the worker sends it through the mailer.

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Keeps exactly the fields the outbox sends; anything else (stray properties, bad JSON) is null. */
export function toEmailPayload(value: unknown): EmailMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { to, subject, text, html, icalEvent } = value as Record<string, unknown>;
  if (typeof to !== 'string' || to.trim() === '' || typeof subject !== 'string' || subject.trim() === '') return null;
  if (typeof text !== 'string' || (html !== undefined && typeof html !== 'string')) return null;
  const invitation = toInvitation(icalEvent);
  if (invitation === null) return null;
  return { to, subject, text, ...(html === undefined ? {} : { html }), ...(invitation ? { icalEvent: invitation } : {}) };
}

/** undefined: none given; null: given but not an invitation (the whole payload is then unreadable). */
function toInvitation(value: unknown): EmailMessage['icalEvent'] | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { method, content } = value as Record<string, unknown>;
  if ((method !== 'REQUEST' && method !== 'CANCEL') || typeof content !== 'string') return null;
  return { method, content };
}

export const emailRecipient = (payload: string): string | null => toEmailPayload(parseJson(payload))?.to ?? null;

/**
 * Every attempt at one row carries the same Message-ID, made of the row's `message_token`, so a
 * receiving server can drop the copy that at-least-once delivery may send.
 */
export function emailSender(mailer: Mailer, messageIdDomain: string): OutboxSender {
  return {
    async send(row) {
      const message = toEmailPayload(parseJson(row.payload));
      if (!message) throw new UnreadablePayload(EMAIL);
      await mailer.send({ ...message, messageId: `<${row.message_token}@${messageIdDomain}>` });
    },
  };
}
