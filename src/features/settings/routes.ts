import type { FastifyInstance, FastifyReply } from 'fastify';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { actorOf } from '#src/features/staff/service.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { fieldErrors, type IssueParams } from '#src/web/form-errors.ts';
import type { FieldError } from '#src/web/forms.ts';
import { settingsView, type SettingsForms } from './admin-views.ts';
import {
  clinicFormOf, clinicFormSchema, countryFor, locationFormOf, locationsFormSchema, readClinicForm, readLocationForms, readSocialForms, readStaffForm, rowFieldId,
  socialFormSchema, socialFormsOf, staffFormSchema, type ClinicSettings, type LocationForm, type SocialForm, type StaffForm, type StaffSettings,
} from './service.ts';
import { exampleNumber, isCountry } from './phone.ts';

type Body = Record<string, unknown>;
// Keeps a number such as "+44 20 7946 0000" whole and left to right inside an Urdu sentence.
const isolate = (text: string) => `\u2066${text}\u2069`;

/** What the phone messages name: the country in the reader's language, and a number as dialled there. */
function phoneParams(view: AdminViewContext, country: string): IssueParams {
  if (!isCountry(country)) return { country, example: '' };
  const name = new Intl.DisplayNames([view.lang], { type: 'region' }).of(country) ?? country;
  return { country: name, example: isolate(exampleNumber(country)) };
}

function staffFormOf(s: StaffSettings): StaffForm {
  return {
    require2faRoles: s.require2faRoles,
    idleMinutes: String(s.idleMinutes),
    lifetimeHours: String(s.lifetimeHours),
    responseTargetHours: String(s.responseTargetHours),
    consultationRetentionDays: String(s.consultationRetentionDays),
    reviewIntervalMonths: String(s.reviewIntervalMonths),
    emergencySigns: s.emergencySigns.join('\n'),
    notSuitableEn: s.notSuitableText.en,
    notSuitableUr: s.notSuitableText.ur ?? '',
  };
}

const blankLocation = (): LocationForm => ({ nameEn: '', nameUr: '', addressEn: '', addressUr: '', hoursEn: '', hoursUr: '', mapUrl: '', remove: false });
const blankSocial = (): SocialForm => ({ label: '', url: '', remove: false });

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
      staff: overrides.staff ?? staffFormOf(await settings.staff()),
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
      const current = await settings.clinic();
      const form = readClinicForm(request.body as Body, current);
      const country = countryFor(form, current);
      const parsed = clinicFormSchema(country).safeParse(form);
      if (!parsed.success) return again(reply, ctx.view, { clinic: form }, fieldErrors(parsed.error.issues, { t: ctx.view.t, params: phoneParams(ctx.view, country) }));
      return save(reply, ctx, (c) => {
        const { nameUr: _, ...rest } = c;
        return { ...rest, ...parsed.data };
      });
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/locations', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const rows = readLocationForms(request.body as Body);
      const parsed = locationsFormSchema.safeParse(rows);
      if (!parsed.success) return again(reply, ctx.view, { locations: rows }, fieldErrors(parsed.error.issues, { t: ctx.view.t, fieldId: rowFieldId('loc') }));
      return save(reply, ctx, (c) => ({ ...c, locations: parsed.data }));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/social', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      const rows = readSocialForms(request.body as Body);
      const parsed = socialFormSchema.safeParse(rows);
      if (!parsed.success) return again(reply, ctx.view, { social: rows }, fieldErrors(parsed.error.issues, { t: ctx.view.t, fieldId: rowFieldId('social') }));
      return save(reply, ctx, (c) => ({ ...c, social: parsed.data }));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/settings/staff', access: 'settings.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const form = readStaffForm(request.body as Body);
      const parsed = staffFormSchema.safeParse(form);
      const stored = await settings.staff();
      // A form posted without the longer fields (an older page) shows, and keeps, the stored values.
      const shown = { ...form, emergencySigns: form.emergencySigns ?? stored.emergencySigns.join('\n'), notSuitableEn: form.notSuitableEn ?? stored.notSuitableText.en, notSuitableUr: form.notSuitableUr ?? stored.notSuitableText.ur ?? '' };
      if (!parsed.success) return again(reply, ctx.view, { staff: shown }, fieldErrors(parsed.error.issues, { t: ctx.view.t }));
      const { emergencySigns, notSuitableEn, notSuitableUr, ...rest } = parsed.data;
      const notSuitableText = notSuitableEn ? { notSuitableText: { en: notSuitableEn, ...(notSuitableUr ? { ur: notSuitableUr } : {}) } } : {};
      await settings.updateStaff(actorOf(ctx.staff.user, ctx.ip), { ...stored, ...rest, ...(emergencySigns ? { emergencySigns } : {}), ...notSuitableText });
      return redirect(reply, `${ctx.p('/admin/settings')}?m=saved`);
    },
  });
}
