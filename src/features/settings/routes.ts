import type { FastifyInstance } from 'fastify';
import { adminRoute, redirect, sendHtml, type AdminDeps } from '#src/features/staff/guard.ts';
import { actorOf } from '#src/features/staff/service.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { formLine, formList, type FieldError } from '#src/web/forms.ts';
import { settingsView, staffLimits, type ClinicForm, type StaffForm } from './admin-views.ts';
import type { StaffRole } from '#src/db/types.ts';
import { roles } from '#src/features/staff/permissions.ts';
import { clinicSchema, type ClinicSettings, type StaffSettings } from './service.ts';

type Body = Record<string, unknown>;
const str = (v: unknown, max = 300): string => formLine(v, max);

/** Every message in the reader's language: the schema's own wording never reaches the page. */
function fieldMessage(t: AdminViewContext['t'], field: string, code: string): string {
  if (field === 'email') return t('field.email');
  if (field === 'whatsapp' && code !== 'too_small') return t('field.whatsapp');
  return t('field.required');
}

function clinicForm(c: ClinicSettings): ClinicForm {
  return { name: c.name, tagline: c.tagline.en, taglineUr: c.tagline.ur ?? '', phone: c.phone, whatsapp: c.whatsapp, email: c.email, en: c.languages.includes('en'), ur: c.languages.includes('ur') };
}

function staffForm(s: StaffSettings): StaffForm {
  return {
    require2faRoles: s.require2faRoles,
    idleMinutes: String(s.idleMinutes),
    lifetimeHours: String(s.lifetimeHours),
    responseTargetHours: String(s.responseTargetHours),
    consultationRetentionDays: String(s.consultationRetentionDays),
  };
}

const clinicFields: Record<string, string> = { name: 'f-name', tagline: 'f-tagline', phone: 'f-phone', whatsapp: 'f-whatsapp', email: 'f-email', languages: 'f-languages' };

export function settingsRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { settings } = deps.services;
  const page = async (overrides: { clinic?: ClinicForm; staff?: StaffForm }) => ({
    clinic: overrides.clinic ?? clinicForm(await settings.clinic()),
    staff: overrides.staff ?? staffForm(await settings.staff()),
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/settings', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const forms = await page({});
      return sendHtml(reply, 200, settingsView(ctx.view, forms.clinic, forms.staff, [], (request.query as Body).m === 'saved'));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/clinic', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      const langs = formList(body.languages).filter((l): l is 'en' | 'ur' => l === 'en' || l === 'ur');
      const form: ClinicForm = { name: str(body.name), tagline: str(body.tagline, 500), taglineUr: str(body.taglineUr, 500), phone: str(body.phone, 40), whatsapp: str(body.whatsapp, 40), email: str(body.email, 320), en: langs.includes('en'), ur: langs.includes('ur') };
      const current = await settings.clinic();
      const parsed = clinicSchema.safeParse({
        ...current,
        name: form.name,
        tagline: { en: form.tagline, ...(form.taglineUr ? { ur: form.taglineUr } : {}) },
        phone: form.phone,
        whatsapp: form.whatsapp.replace(/[\s-]/g, ''),
        email: form.email,
        languages: langs.length ? langs : undefined,
      });
      if (!parsed.success || langs.length === 0) {
        const errors: FieldError[] = (parsed.error?.issues ?? []).map((i) => ({ field: clinicFields[String(i.path[0])] ?? 'f-name', message: fieldMessage(ctx.view.t, String(i.path[0]), i.code) }));
        if (langs.length === 0) errors.push({ field: 'f-languages', message: ctx.view.t('field.required') });
        const forms = await page({ clinic: form });
        return sendHtml(reply, 400, settingsView(ctx.view, forms.clinic, forms.staff, errors, false));
      }
      await settings.updateClinic(actorOf(ctx.staff.user, ctx.ip), parsed.data);
      return redirect(reply, `${ctx.p('/admin/settings')}?m=saved`);
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/staff', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      const form = { require2faRoles: formList(body.require2faRoles).filter((r): r is StaffRole => (roles as readonly string[]).includes(r)) } as StaffForm;
      const errors: FieldError[] = [];
      const values: Record<string, number> = {};
      for (const [name, [min, max]] of Object.entries(staffLimits)) {
        const raw = str(body[name], 10);
        (form as Record<string, unknown>)[name] = raw;
        const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!(n >= min && n <= max)) errors.push({ field: `f-${name}`, message: ctx.view.t('field.number', { min, max }) });
        values[name] = n;
      }
      if (errors.length) {
        const forms = await page({ staff: form });
        return sendHtml(reply, 400, settingsView(ctx.view, forms.clinic, forms.staff, errors, false));
      }
      await settings.updateStaff(actorOf(ctx.staff.user, ctx.ip), { ...(values as Omit<StaffSettings, 'require2faRoles'>), require2faRoles: form.require2faRoles });
      return redirect(reply, `${ctx.p('/admin/settings')}?m=saved`);
    },
  });
}
