import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import type { StaffRole } from '#src/db/types.ts';
import { roles } from '#src/features/staff/permissions.ts';
import type { StaffSettings } from './service.ts';

export interface ClinicForm {
  name: string;
  tagline: string;
  taglineUr: string;
  phone: string;
  whatsapp: string;
  email: string;
  en: boolean;
  ur: boolean;
}

export type StaffForm = Record<Exclude<keyof StaffSettings, 'require2faRoles'>, string> & { require2faRoles: StaffRole[] };

export const staffLimits: Record<Exclude<keyof StaffSettings, 'require2faRoles'>, [number, number]> = {
  idleMinutes: [5, 480],
  lifetimeHours: [1, 72],
  responseTargetHours: [1, 168],
  consultationRetentionDays: [30, 3650],
};

export function settingsView(ctx: AdminViewContext, clinic: ClinicForm, staff: StaffForm, errors: FieldError[], saved: boolean): string {
  const languagesError = errors.find((e) => e.field === 'f-languages');
  const action = localePath(ctx.lang, '/admin/settings');
  const numberField = (name: keyof typeof staffLimits) =>
    field({ name, label: ctx.t(`settings.${name}`), type: 'number', value: staff[name], errors, min: staffLimits[name][0], max: staffLimits[name][1], inputmode: 'numeric', required: true });
  const main = html`<h1>${ctx.t('settings.title')}</h1>
!${saved ? notice(ctx.t('admin.saved')) : ''}
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<form method="post" action="${action}/clinic" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.clinic')}</h2>
!${field({ name: 'name', label: ctx.t('settings.clinic.name'), value: clinic.name, required: true, errors })}
!${field({ name: 'tagline', label: ctx.t('settings.clinic.tagline'), value: clinic.tagline, required: true, errors, dir: 'ltr' })}
!${field({ name: 'taglineUr', label: ctx.t('settings.clinic.taglineUr'), value: clinic.taglineUr, errors, dir: 'rtl' })}
!${field({ name: 'phone', label: ctx.t('settings.clinic.phone'), type: 'tel', value: clinic.phone, required: true, errors, dir: 'ltr' })}
!${field({ name: 'whatsapp', label: ctx.t('settings.clinic.whatsapp'), type: 'tel', value: clinic.whatsapp, required: true, errors, dir: 'ltr' })}
!${field({ name: 'email', label: ctx.t('settings.clinic.email'), type: 'email', value: clinic.email, required: true, errors, dir: 'ltr' })}
<fieldset id="f-languages"!${languagesError ? ' aria-describedby="f-languages-error"' : ''}><legend>${ctx.t('settings.languages')}</legend>
!${languagesError ? html`<p class="field-error" id="f-languages-error">${languagesError.message}</p>` : ''}
<div class="check"><input type="checkbox" id="lang-en" name="languages" value="en"!${clinic.en ? ' checked' : ''}><label for="lang-en">English</label></div>
<div class="check"><input type="checkbox" id="lang-ur" name="languages" value="ur"!${clinic.ur ? ' checked' : ''}><label for="lang-ur" lang="ur">اردو</label></div>
</fieldset>
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>
<form method="post" action="${action}/staff" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.staff')}</h2>
<fieldset id="f-require2faRoles"><legend>${ctx.t('settings.require2fa')}</legend>
!${roles.map((r) => html`<div class="check"><input type="checkbox" id="require2fa-${r}" name="require2faRoles" value="${r}"!${staff.require2faRoles.includes(r) ? ' checked' : ''}><label for="require2fa-${r}">${ctx.t(`role.${r}`)}</label></div>`).join('')}
</fieldset>
!${numberField('idleMinutes')}
!${numberField('lifetimeHours')}
!${numberField('responseTargetHours')}
!${numberField('consultationRetentionDays')}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('settings.title'), action, main);
}
