import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '#src/db/types.ts';
import { buildGatewayRequest, headerLines } from './gateway-request.ts';
import { readIntegrationsRow } from './integrations-queries.ts';

// Where the outbox sends what is not email: the signed webhook that feeds a clinic's CRM, and the
// SMS and WhatsApp gateways. One settings row, 'integrations' (written by the settings feature:
// features/settings/integrations.ts); everything is off until an admin turns it on. It is defined
// here, below the features, because the outbox reads it at each delivery and features import the
// outbox. The secret and the gateway headers (API keys) are kept in that row only: an outbox row holds
// the message, never the credentials, and is sent with the settings of the moment, so a corrected
// URL or a rotated key also applies to the messages still waiting.
//
// Messages are catalog keys (web/i18n), as in features/settings/forms.ts, for the settings form to show.

export { INTEGRATIONS_KEY } from './integrations-queries.ts';

function httpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    // fetch refuses URLs with credentials; a gateway's login goes in a header.
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The webhook may carry health data: https only, except to a relay on the same machine. (The text
 * gateways may use http: an SMS gateway is often a phone on the clinic's network, and a text
 * message carries no health details.)
 */
const isWebhookUrl = (value: string) => {
  const url = httpUrl(value);
  return url !== null && (url.protocol === 'https:' || loopback.has(url.hostname));
};

const webhookSchema = z
  .object({
    enabled: z.boolean().default(false),
    url: z.string().trim().max(1000).default(''),
    /** Printable ASCII, so that the receiver can type or paste exactly the same bytes. */
    secret: z.string().max(200).default(''),
    /** Name, phone, email and how to reply go to the CRM only when the clinic says so: it is health data leaving the clinic. */
    includeContact: z.boolean().default(false),
  })
  .superRefine((w, ctx) => {
    if ((w.enabled || w.url !== '') && !isWebhookUrl(w.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'field.webhookUrl' });
    if (w.enabled && !/^[\x21-\x7e]{32,}$/.test(w.secret)) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'field.webhookSecret' });
  });

/** Filled with values that need escaping, so that a JSON template which only works for plain text is refused. */
const sample = { to: '+923001234567', to_digits: '923001234567', text: 'Line "one"\nline \\two\\ & ٹیسٹ', reference: 'CS-ABC123', id: '0'.repeat(32) };

const gatewaySchema = z
  .object({
    enabled: z.boolean().default(false),
    url: z.string().trim().max(1000).default(''),
    method: z.enum(['POST', 'GET']).default('POST'),
    /** "Name: value" lines, as typed (e.g. "Authorization: Bearer …"). */
    headers: z.string().max(4000).default(''),
    /** json: a JSON body with the placeholders inside its strings; form: an urlencoded body; query: added to the URL. */
    bodyFormat: z.enum(['json', 'form', 'query']).default('json'),
    bodyTemplate: z.string().max(4000).default('{"to": "{to}", "text": "{text}"}'),
  })
  .superRefine((g, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((g.enabled || g.url !== '') && !httpUrl(g.url)) issue('url', 'field.gatewayUrl');
    if (!headerLines(g.headers)) issue('headers', 'field.gatewayHeaders');
    // fetch sends no body with GET.
    if (g.method === 'GET' && g.bodyFormat !== 'query') issue('bodyFormat', 'field.gatewayGetNeedsQuery');
    if (!/\{to(_digits)?\}/.test(g.bodyTemplate) || !g.bodyTemplate.includes('{text}')) issue('bodyTemplate', 'field.gatewayPlaceholders');
    if (g.bodyFormat === 'json' && httpUrl(g.url) && headerLines(g.headers)) {
      try {
        JSON.parse(buildGatewayRequest(g, sample).body ?? '');
      } catch {
        issue('bodyTemplate', 'field.gatewayJson');
      }
    }
  });

/** What an admin may save. */
export const integrationsSchema = z.object({
  webhook: webhookSchema.default(() => webhookSchema.parse({})),
  sms: gatewaySchema.default(() => gatewaySchema.parse({})),
  whatsapp: gatewaySchema.default(() => gatewaySchema.parse({})),
});
export type IntegrationSettings = z.infer<typeof integrationsSchema>;
export type GatewaySettings = IntegrationSettings['sms'];

const off: IntegrationSettings = integrationsSchema.parse({});

/**
 * What is stored, read leniently: a part that no longer passes (edited by hand, saved by another
 * version) reads as "off" rather than throwing, so a patient's request is never refused because of
 * the CRM's settings; the other parts keep working.
 */
const storedSchema = z.object({
  webhook: webhookSchema.catch(off.webhook),
  sms: gatewaySchema.catch(off.sms),
  whatsapp: gatewaySchema.catch(off.whatsapp),
});

/** Pass the caller's transaction where there is one, so that the decision and the row it causes agree. */
export async function readIntegrations(db: Kysely<Database> | Transaction<Database>): Promise<IntegrationSettings> {
  const raw = await readIntegrationsRow(db);
  if (!raw) return off;
  try {
    return storedSchema.parse(JSON.parse(raw));
  } catch {
    return off;
  }
}
