import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';
import { readIntegrations } from './integrations.ts';
import { deliverOverHttp, HTTP_TIMEOUT_MS } from './http-delivery.ts';
import { insertOutboxRow } from './outbox-queries.ts';
import { parseJson, UnreadablePayload, WEBHOOK, type OutboxSender } from './outbox-sender.ts';

// The signed webhook a clinic points at its CRM: one outbox row per event, POSTed as JSON with an
// HMAC-SHA256 signature and retried like any outbox message. How a receiver checks it: docs in the
// README ("Webhook"); `webhookSignature` below is the one definition.

export type WebhookEventName = 'consultation.created';

export interface WebhookEvent {
  event: WebhookEventName;
  /** What every receiver gets; no name, phone or email here. */
  data: Record<string, unknown>;
  /** Who the patient is: sent, as `data.contact`, only when the clinic's setting allows it. */
  contact?: Record<string, unknown>;
}

/**
 * Pass the caller's transaction, so the event is sent if and only if its change commits. Null when
 * the webhook is off (nothing queued). The body is fixed here, so every retry sends the same bytes;
 * its `id` is the row's token, also sent as `x-caresite-delivery`, for the receiver to drop repeats.
 */
export async function enqueueWebhook(db: Kysely<Database> | Transaction<Database>, e: WebhookEvent, now: Date = new Date()): Promise<number | null> {
  const { webhook } = await readIntegrations(db);
  if (!webhook.enabled) return null;
  const id = randomBytes(16).toString('hex');
  const data = webhook.includeContact && e.contact ? { ...e.data, contact: e.contact } : e.data;
  const body = JSON.stringify({ id, event: e.event, occurred_at: now.toISOString(), data });
  return insertOutboxRow(db, { kind: WEBHOOK, payload: JSON.stringify({ event: e.event, body }), now: now.toISOString(), messageToken: id });
}

/** `sha256=` and the hex HMAC-SHA256, keyed with the secret, of "<timestamp>.<body>". */
function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function parseWebhookPayload(payload: string): { event: string; body: string } | null {
  const value = parseJson(payload);
  if (typeof value !== 'object' || value === null) return null;
  const { event, body } = value as Record<string, unknown>;
  return typeof event === 'string' && typeof body === 'string' ? { event, body } : null;
}

/**
 * URL and secret are read at each attempt (a corrected URL or a rotated secret also serves the rows
 * still waiting). The timestamp is the attempt's, so a receiver can refuse stale replays; the
 * delivery id stays the row's.
 */
export function webhookSender(db: Kysely<Database>, timeoutMs: number = HTTP_TIMEOUT_MS): OutboxSender {
  return {
    async send(row, at) {
      const payload = parseWebhookPayload(row.payload);
      if (!payload) throw new UnreadablePayload(WEBHOOK);
      const { webhook } = await readIntegrations(db);
      // Retried, not dropped: turned off for a moment (to change the URL) must not lose events.
      if (!webhook.enabled) throw new Error('the webhook is turned off in settings');
      const timestamp = String(Math.floor(at.getTime() / 1000));
      const headers: [string, string][] = [
        ['content-type', 'application/json'],
        ['user-agent', 'Caresite-Webhook/1'],
        ['x-caresite-event', payload.event],
        ['x-caresite-delivery', row.message_token],
        ['x-caresite-timestamp', timestamp],
        ['x-caresite-signature', webhookSignature(webhook.secret, timestamp, payload.body)],
      ];
      await deliverOverHttp({ url: webhook.url, method: 'POST', headers, body: payload.body }, timeoutMs);
    },
  };
}

/** For the dashboard: where the webhook goes now (the host of the configured URL). */
export function webhookHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
