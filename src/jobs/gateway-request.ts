import type { GatewaySettings } from './integrations.ts';
import type { HttpDelivery } from './http-delivery.ts';

// How an SMS / WhatsApp gateway's settings and one message become an HTTP request. Pure, so that the
// settings form can check a template with the very code that will fill it.

/** What a template may contain, as `{name}`; any other `{…}` is left as typed (JSON is full of braces). */
const placeholders = ['to', 'to_digits', 'text', 'reference', 'id'] as const;
export type TemplateValues = Record<(typeof placeholders)[number], string>;
const placeholder = new RegExp(`\\{(${placeholders.join('|')})\\}`, 'g');

/** Set by fetch itself, or about the connection rather than the message: a gateway setting may not override them. */
const reservedHeaders = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect']);
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values travel as bytes; anything beyond visible ASCII (an Urdu word, a stray line break) is refused when saved.
const headerValue = /^[\t\x20-\x7e]*$/;

/** The "Name: value" lines an admin typed, blank lines skipped; null when one is not a header that can be sent. */
export function headerLines(text: string): [string, string][] | null {
  const headers: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (colon < 1 || !headerName.test(name) || reservedHeaders.has(name.toLowerCase()) || !headerValue.test(value)) return null;
    headers.push([name, value]);
  }
  return headers;
}

/**
 * Fills `{to}` `{to_digits}` `{text}` `{reference}` `{id}`, each escaped for where it lands: URL-encoded
 * in a query or form body, JSON-escaped in a JSON body (the template puts it inside quotes).
 */
function fillTemplate(template: string, values: TemplateValues, format: GatewaySettings['bodyFormat']): string {
  const escape = format === 'json' ? (s: string) => JSON.stringify(s).slice(1, -1) : encodeURIComponent;
  return template.replace(placeholder, (_, name: keyof TemplateValues) => escape(values[name]));
}

const defaultContentType = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;

export function buildGatewayRequest(g: GatewaySettings, values: TemplateValues): HttpDelivery {
  const headers = headerLines(g.headers);
  // Checked when saved; a row edited by hand must not send half its headers (an API key missing).
  if (!headers) throw new Error('the gateway headers in settings are not valid "Name: value" lines');
  const filled = fillTemplate(g.bodyTemplate, values, g.bodyFormat);
  if (g.bodyFormat === 'query') return { url: withQuery(g.url, filled), method: g.method, headers };
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['content-type', defaultContentType[g.bodyFormat]]);
  return { url: g.url, method: 'POST', headers, body: filled };
}

function withQuery(url: string, query: string): string {
  if (query === '') return url;
  const joiner = !url.includes('?') ? '?' : url.endsWith('?') || url.endsWith('&') ? '' : '&';
  return `${url}${joiner}${query}`;
}
