import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';
import { readIntegrations } from './integrations.ts';
import { buildGatewayRequest } from './gateway-request.ts';
import { deliverOverHttp, HTTP_TIMEOUT_MS } from './http-delivery.ts';
import { insertOutboxRow } from './outbox-queries.ts';
import { parseJson, TEXT_MESSAGE, UnreadablePayload, type OutboxSender } from './outbox-sender.ts';

// SMS and WhatsApp messages (confirmations, reminders) sent through the HTTP gateway a clinic sets
// up for each channel: one outbox row per message, retried like an email while the gateway is down.
// Like email, no health details: the caller writes text that says when, not why.

export type TextChannel = 'sms' | 'whatsapp';

export interface TextMessage {
  /** E.164, e.g. +923001234567 */
  to: string;
  text: string;
  channel: TextChannel;
  /** The consultation's reference, for the gateway template's {reference}. */
  reference?: string;
}

const e164 = /^\+[1-9]\d{6,14}$/;
// Ten SMS parts; a gateway splits longer texts itself, but a text this long is a mistake.
const MAX_TEXT = 1600;

function toTextPayload(value: unknown): TextMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { to, text, channel, reference } = value as Record<string, unknown>;
  if (typeof to !== 'string' || !e164.test(to) || (channel !== 'sms' && channel !== 'whatsapp')) return null;
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) return null;
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 40)) return null;
  return { to, text, channel, ...(reference === undefined ? {} : { reference }) };
}

/**
 * Pass the caller's transaction. Null when the channel's gateway is off: nothing is queued, and the
 * caller may send an email instead. `notBefore` holds it until then (a reminder); take it back with
 * `cancelPendingEmail(db, id)`, which works for any outbox row.
 */
export async function enqueueTextMessage(
  db: Kysely<Database> | Transaction<Database>,
  message: TextMessage,
  now: Date = new Date(),
  o: { notBefore?: Date } = {},
): Promise<number | null> {
  const payload = toTextPayload(message);
  if (!payload) throw new TypeError(`enqueueTextMessage: to must be E.164, channel sms or whatsapp, text 1 to ${MAX_TEXT} characters`);
  const gateway = (await readIntegrations(db))[payload.channel];
  if (!gateway.enabled) return null;
  const due = o.notBefore && o.notBefore > now ? o.notBefore : now;
  return insertOutboxRow(db, { kind: TEXT_MESSAGE, payload: JSON.stringify(payload), now: now.toISOString(), dueAt: due.toISOString(), messageToken: randomBytes(16).toString('hex') });
}

/** The gateway's settings are read at each attempt: a corrected URL or a new API key also serves the rows still waiting. */
export function textMessageSender(db: Kysely<Database>, timeoutMs: number = HTTP_TIMEOUT_MS): OutboxSender {
  return {
    async send(row) {
      const m = toTextPayload(parseJson(row.payload));
      if (!m) throw new UnreadablePayload(TEXT_MESSAGE);
      const gateway = (await readIntegrations(db))[m.channel];
      // Retried, not dropped: a gateway turned off for a moment must not lose reminders.
      if (!gateway.enabled) throw new Error(`the ${m.channel} gateway is turned off in settings`);
      // {id} is the row's token, the same on every attempt: for gateways that can drop a repeated client reference.
      const values = { to: m.to, to_digits: m.to.slice(1), text: m.text, reference: m.reference ?? '', id: row.message_token };
      await deliverOverHttp(buildGatewayRequest(gateway, values), timeoutMs);
    },
  };
}

/** For the dashboard: the number with all but its last 3 digits hidden, and the channel. */
export function textRecipient(payload: string): string | null {
  const m = toTextPayload(parseJson(payload));
  return m ? `${m.to.replace(/\d(?=\d{3})/g, '•')} (${m.channel})` : null;
}
