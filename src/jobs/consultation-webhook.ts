import type { Insertable } from 'kysely';
import type { ConsultationRequestsTable } from '#src/db/types.ts';
import type { WebhookEvent } from './webhook.ts';

// What the CRM webhook says about a new consultation request. Never the message (the patient's own
// words about their health); who the patient is goes apart, in `contact`, which enqueueWebhook sends
// only when the clinic's setting allows it.

type NewRequest = Pick<
  Insertable<ConsultationRequestsTable>,
  'reference' | 'status' | 'urgent' | 'created_at' | 'respond_by' | 'condition' | 'lang' | 'utm' | 'full_name' | 'phone' | 'email' | 'reply_via' | 'preferred_time' | 'time_zone' | 'country' | 'city'
>;

/** From the values the request was inserted with; `adminUrl` is its page in /admin, for the CRM to link back. */
export function consultationCreated(r: NewRequest, adminUrl?: string): WebhookEvent {
  return {
    event: 'consultation.created',
    data: {
      reference: r.reference,
      status: r.status,
      urgent: Boolean(r.urgent),
      created_at: r.created_at,
      respond_by: r.respond_by,
      condition: r.condition,
      lang: r.lang,
      utm: utmTags(r.utm),
      ...(adminUrl ? { admin_url: adminUrl } : {}),
    },
    contact: {
      name: r.full_name,
      phone: r.phone,
      email: r.email ?? null,
      reply_via: r.reply_via,
      preferred_time: r.preferred_time,
      time_zone: r.time_zone,
      country: r.country,
      city: r.city,
    },
  };
}

/** The stored JSON text of utm_* tags, as an object of strings (anything else dropped). */
function utmTags(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
