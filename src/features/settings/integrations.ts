import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#src/db/types.ts';
import { headerLines } from '#src/jobs/gateway-request.ts';
import { INTEGRATIONS_KEY, integrationsSchema, type GatewaySettings, type IntegrationSettings } from '#src/jobs/integrations.ts';
import { writeSetting } from './queries.ts';

// The settings side of the 'integrations' row (CRM webhook, SMS and WhatsApp gateways): saving it,
// keeping its secrets out of the audit log, making a webhook secret. What the row means, its schema
// and how it is read are jobs/integrations.ts's, since the outbox reads it at each delivery.

/** Checks with `integrationsSchema` and stores; throws the ZodError for the form to show. */
export async function writeIntegrations(db: Kysely<Database> | Transaction<Database>, input: unknown, at: Date): Promise<IntegrationSettings> {
  const value = integrationsSchema.parse(input);
  await writeSetting(db, INTEGRATIONS_KEY, JSON.stringify(value), at);
  return value;
}

/**
 * For the audit log: that a secret, a header or a gateway's query changed, never its value (the log
 * is exported and read by more people; many SMS gateways take their API key in the query string).
 */
export function withoutSecrets(s: IntegrationSettings): unknown {
  const hide = (v: string) => (v === '' ? '' : '(hidden)');
  const gateway = (g: GatewaySettings) => ({
    ...g,
    url: g.url.includes('?') ? `${g.url.slice(0, g.url.indexOf('?'))}?(hidden)` : g.url,
    headers: (headerLines(g.headers) ?? []).map(([name, value]) => `${name}: ${hide(value)}`).join('\n'),
  });
  return { webhook: { ...s.webhook, secret: hide(s.webhook.secret) }, sms: gateway(s.sms), whatsapp: gateway(s.whatsapp) };
}

/** A fresh webhook secret for the settings form's "generate" button: 256 random bits. */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');
