import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import { formText } from '#src/web/forms.ts';
import { newWebhookSecret } from './integrations.ts';
import { integrationsFormOf, integrationsView, type GatewayForm, type IntegrationsForm } from './integrations-views.ts';

type Body = Record<string, unknown>;

function gatewayFrom(body: Body, channel: 'sms' | 'whatsapp'): GatewayForm {
  const v = (name: string, max: number) => formText(body[`${channel}-${name}`], max).trim();
  return { enabled: body[`${channel}-enabled`] === 'yes', url: v('url', 1000), method: v('method', 10), headers: v('headers', 4000), bodyFormat: v('bodyFormat', 10), bodyTemplate: v('bodyTemplate', 4000) };
}

/** /admin/settings/integrations: the CRM webhook and the SMS and WhatsApp gateways. */
export function integrationsRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { settings } = deps.services;
  adminRoute(app, deps, {
    method: 'GET', path: '/admin/settings/integrations', access: 'settings.manage',
    handler: async (request, reply, ctx) => sendHtml(reply, 200, integrationsView(ctx.view, integrationsFormOf(await settings.integrations()), [], (request.query as { m?: string }).m === 'saved')),
  });
  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/integrations', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      const current = await settings.integrations();
      const typedSecret = formText(body['webhook-secret'], 200).trim();
      // A blank secret keeps the one stored (it is never shown back); "generate" makes a new one.
      const secret = body['webhook-generate'] === 'yes' ? newWebhookSecret() : typedSecret || current.webhook.secret;
      const form: IntegrationsForm = {
        webhook: { enabled: body['webhook-enabled'] === 'yes', url: formText(body['webhook-url'], 1000).trim(), includeContact: body['webhook-includeContact'] === 'yes', secretSet: secret !== '' },
        sms: gatewayFrom(body, 'sms'),
        whatsapp: gatewayFrom(body, 'whatsapp'),
      };
      const input = { webhook: { enabled: form.webhook.enabled, url: form.webhook.url, secret, includeContact: form.webhook.includeContact }, sms: form.sms, whatsapp: form.whatsapp };
      try {
        await settings.updateIntegrations(actorOf(ctx.staff.user, ctx.ip), input);
      } catch (err) {
        if (!(err instanceof z.ZodError)) throw err;
        const errors = fieldErrors(err.issues, { t: ctx.view.t, fieldId: (path) => `f-${String(path[0])}-${String(path[1] ?? '')}` });
        return sendHtml(reply, 400, integrationsView(ctx.view, form, errors, false));
      }
      return redirect(reply, `${ctx.p('/admin/settings/integrations')}?m=saved`);
    },
  });
}
