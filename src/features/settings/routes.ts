import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { formLine, formList, type FieldError } from '#src/web/forms.ts';
import { settingsView, staffLimits, type SettingsForms, type StaffForm } from './admin-views.ts';
import type { StaffRole } from '#src/db/types.ts';
import { roles } from '#src/permissions.ts';
import type { ClinicSettings, StaffSettings } from './service.ts';
import {
  clinicFormOf, clinicFormSchema, countryFor, keptRows, locationFields, locationFormOf, locationFormSchema, socialFields, socialFormSchema, socialFormsOf,
  type ClinicForm, type LocationForm, type SocialForm,
} from './forms.ts';
import { exampleNumber, isCountry } from './phone.ts';

type Body = Record<string, unknown>;
const str = (v: unknown, max = 300): string => formLine(v, max);
/** More rows than a clinic needs; a post with more is cut here rather than read without end. */
const MAX_ROWS = 30;
// Keeps a number such as "+44 20 7946 0000" whole and left to right inside an Urdu sentence.
const isolate = (text: string) => `\u2066${text}\u2069`;

/** Every message in the reader's language: the schema's own wording never reaches the page. */
function fieldMessage(view: AdminViewContext, name: string, issue: z.core.$ZodIssue, country: string): string {
  const { t } = view;
  if (issue.code === 'too_small') return t('field.required');
  if (issue.code === 'too_big') return t('field.tooLong', { max: Number(issue.maximum) });
  if (name === 'email') return t('field.email');
  if (name === 'country') return t('field.country');
  if (name === 'phone' || name === 'whatsapp') {
    const countryName = (isCountry(country) && new Intl.DisplayNames([view.lang], { type: 'region' }).of(country)) || country;
    const example = isCountry(country) ? isolate(exampleNumber(country)) : '';
    return t(name === 'phone' ? 'field.phone' : 'field.whatsapp', { country: countryName, example });
  }
  if (name === 'mapUrl' || name === 'url') return t('field.httpsUrl');
  return t('field.required');
}

function errorsOf(view: AdminViewContext, issues: z.core.$ZodIssue[], fieldId: (name: string) => string, country = ''): FieldError[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    return { field: fieldId(name), message: fieldMessage(view, name, issue, country) };
  });
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

const blankLocation = (): LocationForm => ({ nameEn: '', nameUr: '', addressEn: '', addressUr: '', hoursEn: '', hoursUr: '', mapUrl: '', remove: false });
const blankSocial = (): SocialForm => ({ label: '', url: '', remove: false });

/** The posted rows `prefix-0-…`, `prefix-1-…`, … as typed, up to the first index with no field at all. */
function postedRows<K extends string>(body: Body, prefix: string, fields: readonly K[], max: number): (Record<K, string> & { remove: boolean })[] {
  const rows: (Record<K, string> & { remove: boolean })[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const has = (k: string) => `${prefix}-${i}-${k}` in body;
    if (!fields.some(has) && !has('remove')) break;
    const row = { remove: body[`${prefix}-${i}-remove`] !== undefined } as Record<K, string> & { remove: boolean };
    for (const k of fields) (row as Record<string, unknown>)[k] = str(body[`${prefix}-${i}-${k}`], k === 'mapUrl' || k === 'url' ? 1000 : max);
    rows.push(row);
  }
  return rows;
}

export function settingsRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { settings } = deps.services;
  const page = async (overrides: Partial<SettingsForms>): Promise<SettingsForms> => {
    const clinic = await settings.clinic();
    return {
      clinic: overrides.clinic ?? clinicFormOf(clinic),
      locations: overrides.locations ?? [...clinic.locations.map(locationFormOf), blankLocation()],
      storedLocations: clinic.locations.length,
      social: overrides.social ?? [...socialFormsOf(clinic.social), blankSocial()],
      storedSocial: Object.keys(clinic.social).length,
      staff: overrides.staff ?? staffForm(await settings.staff()),
    };
  };
  const again = async (reply: FastifyReply, view: AdminViewContext, overrides: Partial<SettingsForms>, errors: FieldError[]) =>
    sendHtml(reply, 400, settingsView(view, await page(overrides), errors, false));
  const save = async (reply: FastifyReply, ctx: AdminRequestContext, change: (c: ClinicSettings) => ClinicSettings) => {
    if (!ctx.staff) throw new Error('guarded');
    await settings.updateClinic(actorOf(ctx.staff.user, ctx.ip), change(await settings.clinic()));
    await deps.refreshContent();
    return redirect(reply, `${ctx.p('/admin/settings')}?m=saved`);
  };

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/settings', access: 'settings.manage',
    handler: async (request, reply, ctx) => sendHtml(reply, 200, settingsView(ctx.view, await page({}), [], (request.query as Body).m === 'saved')),
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/clinic', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const body = request.body as Body;
      const current = await settings.clinic();
      const form: ClinicForm = {
        name: str(body.name, 200), nameUr: str(body.nameUr, 200), tagline: str(body.tagline, 500), taglineUr: str(body.taglineUr, 500),
        // A form sent without the country (an older page) keeps the stored one.
        country: body.country === undefined ? current.country : str(body.country, 10),
        phone: str(body.phone, 40), whatsapp: str(body.whatsapp, 40), email: str(body.email, 320),
        languages: formList(body.languages).filter((l) => l === 'en' || l === 'ur'),
      };
      const country = countryFor(form, current);
      const parsed = clinicFormSchema(country).safeParse(form);
      if (!parsed.success) return again(reply, ctx.view, { clinic: form }, errorsOf(ctx.view, parsed.error.issues, (name) => `f-${name}`, country));
      return save(reply, ctx, (c) => {
        const { nameUr: _, ...rest } = c;
        return { ...rest, ...parsed.data };
      });
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/locations', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const rows = postedRows(request.body as Body, 'loc', locationFields, 500);
      const locations: ClinicSettings['locations'] = [];
      const errors: FieldError[] = [];
      for (const { row, index } of keptRows(rows)) {
        const parsed = locationFormSchema.safeParse(row);
        if (parsed.success) locations.push(parsed.data);
        else errors.push(...errorsOf(ctx.view, parsed.error.issues, (name) => `f-loc-${index}-${name}`));
      }
      if (errors.length) return again(reply, ctx.view, { locations: rows }, errors);
      return save(reply, ctx, (c) => ({ ...c, locations }));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/social', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const rows = postedRows(request.body as Body, 'social', socialFields, 40);
      const social: ClinicSettings['social'] = {};
      const errors: FieldError[] = [];
      for (const { row, index } of keptRows(rows)) {
        const parsed = socialFormSchema.safeParse(row);
        if (!parsed.success) errors.push(...errorsOf(ctx.view, parsed.error.issues, (name) => `f-social-${index}-${name}`));
        else if (parsed.data.label in social) errors.push({ field: `f-social-${index}-label`, message: ctx.view.t('field.socialDuplicate') });
        else social[parsed.data.label] = parsed.data.url;
      }
      if (errors.length) return again(reply, ctx.view, { social: rows }, errors);
      return save(reply, ctx, (c) => ({ ...c, social }));
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
      if (errors.length) return again(reply, ctx.view, { staff: form }, errors);
      await settings.updateStaff(actorOf(ctx.staff.user, ctx.ip), { ...(values as Omit<StaffSettings, 'require2faRoles'>), require2faRoles: form.require2faRoles });
      return redirect(reply, `${ctx.p('/admin/settings')}?m=saved`);
    },
  });
}
