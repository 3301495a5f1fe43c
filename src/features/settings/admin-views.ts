import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { roles } from '#src/permissions.ts';
import { locationFields, staffLimits, type ClinicForm, type LocationForm, type SocialForm, type StaffForm } from './forms.ts';
import { countryList } from './phone.ts';

export interface SettingsForms {
  clinic: ClinicForm;
  /** Each stored location, then the blank one offered for adding (or the rows as posted, when they had errors). */
  locations: LocationForm[];
  /** How many of `locations` are stored ones; the rest are offered for adding. */
  storedLocations: number;
  social: SocialForm[];
  storedSocial: number;
  staff: StaffForm;
}


function countrySelect(ctx: AdminViewContext, value: string, errors: FieldError[]): string {
  const error = errors.find((e) => e.field === 'f-country');
  const describedBy = ['f-country-hint', error ? 'f-country-error' : ''].filter(Boolean).join(' ');
  return html`<div class="field!${error ? ' has-error' : ''}">
<label for="f-country">${ctx.t('settings.clinic.country')}</label>
<p class="hint" id="f-country-hint">${ctx.t('settings.clinic.country.hint')}</p>
!${error ? html`<p class="field-error" id="f-country-error">${error.message}</p>` : ''}
<select id="f-country" name="country" aria-describedby="${describedBy}"!${error ? ' aria-invalid="true"' : ''}>
!${countryList(ctx.lang).map((c) => html`<option value="${c.code}"!${c.code === value ? ' selected' : ''}>${c.label}</option>`).join('')}
</select>
</div>`;
}

function clinicSection(ctx: AdminViewContext, action: string, clinic: ClinicForm, errors: FieldError[]): string {
  const languagesError = errors.find((e) => e.field === 'f-languages');
  const phoneHint = ctx.t('settings.clinic.phone.hint');
  return html`<form method="post" action="${action}/clinic" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.clinic')}</h2>
!${field({ name: 'name', label: ctx.t('settings.clinic.name'), value: clinic.name, required: true, errors, dir: 'ltr' })}
!${field({ name: 'nameUr', label: ctx.t('settings.clinic.nameUr'), hint: ctx.t('settings.clinic.nameUr.hint'), value: clinic.nameUr, errors, dir: 'rtl' })}
!${field({ name: 'tagline', label: ctx.t('settings.clinic.tagline'), value: clinic.tagline, required: true, errors, dir: 'ltr' })}
!${field({ name: 'taglineUr', label: ctx.t('settings.clinic.taglineUr'), value: clinic.taglineUr, errors, dir: 'rtl' })}
!${countrySelect(ctx, clinic.country, errors)}
!${field({ name: 'phone', label: ctx.t('settings.clinic.phone'), hint: phoneHint, type: 'tel', value: clinic.phone, required: true, errors, dir: 'ltr', autocomplete: 'off' })}
!${field({ name: 'whatsapp', label: ctx.t('settings.clinic.whatsapp'), hint: phoneHint, type: 'tel', value: clinic.whatsapp, required: true, errors, dir: 'ltr', autocomplete: 'off' })}
!${field({ name: 'email', label: ctx.t('settings.clinic.email'), type: 'email', value: clinic.email, required: true, errors, dir: 'ltr' })}
!${field({ name: 'timeZone', label: ctx.t('settings.clinic.timeZone'), hint: ctx.t('settings.clinic.timeZone.hint'), value: clinic.timeZone, required: true, errors, dir: 'ltr' })}
!${field({ name: 'emergency', label: ctx.t('settings.clinic.emergency'), hint: ctx.t('settings.clinic.emergency.hint'), value: clinic.emergency, required: true, errors, dir: 'ltr' })}
!${field({ name: 'emergencyUr', label: ctx.t('settings.clinic.emergencyUr'), value: clinic.emergencyUr, errors, dir: 'rtl' })}
<fieldset id="f-languages"!${languagesError ? ' aria-describedby="f-languages-error"' : ''}><legend>${ctx.t('settings.languages')}</legend>
!${languagesError ? html`<p class="field-error" id="f-languages-error">${languagesError.message}</p>` : ''}
<div class="check"><input type="checkbox" id="lang-en" name="languages" value="en"!${clinic.languages.includes('en') ? ' checked' : ''}><label for="lang-en">English</label></div>
<div class="check"><input type="checkbox" id="lang-ur" name="languages" value="ur"!${clinic.languages.includes('ur') ? ' checked' : ''}><label for="lang-ur" lang="ur">اردو</label></div>
</fieldset>
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
}

function removeBox(id: string, name: string, label: string, checked: boolean): string {
  return html`<div class="check"><input type="checkbox" id="${id}" name="${name}" value="1"!${checked ? ' checked' : ''}><label for="${id}">${label}</label></div>`;
}

const locationInput: Record<(typeof locationFields)[number], { dir: 'ltr' | 'rtl'; type?: 'url'; required?: boolean }> = {
  nameEn: { dir: 'ltr', required: true },
  nameUr: { dir: 'rtl' },
  addressEn: { dir: 'ltr', required: true },
  addressUr: { dir: 'rtl' },
  hoursEn: { dir: 'ltr', required: true },
  hoursUr: { dir: 'rtl' },
  mapUrl: { dir: 'ltr', type: 'url' },
};

function locationFieldset(ctx: AdminViewContext, row: LocationForm, i: number, stored: boolean, errors: FieldError[]): string {
  const legend = stored ? ctx.t('settings.location', { n: i + 1 }) : ctx.t('settings.location.new');
  return html`<fieldset class="entry" id="f-loc-${i}"><legend>${legend}</legend>
!${locationFields
    .map((key) => {
      const o = locationInput[key];
      // A new location's fields are only required once something is typed into it, so no `required` on the blank one.
      return field({ name: `loc-${i}-${key}`, label: ctx.t(`settings.location.${key}`), value: row[key], errors, dir: o.dir, type: o.type, required: stored && o.required });
    })
    .join('')}
!${stored ? removeBox(`f-loc-${i}-remove`, `loc-${i}-remove`, ctx.t('settings.location.remove'), row.remove) : ''}
</fieldset>`;
}

function locationsSection(ctx: AdminViewContext, action: string, forms: SettingsForms, errors: FieldError[]): string {
  return html`<form method="post" action="${action}/locations" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.locations')}</h2>
<p class="hint">${ctx.t('settings.locations.intro')}</p>
!${forms.locations.map((row, i) => locationFieldset(ctx, row, i, i < forms.storedLocations, errors)).join('')}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
}

function socialFieldset(ctx: AdminViewContext, row: SocialForm, i: number, stored: boolean, errors: FieldError[]): string {
  const legend = stored ? ctx.t('settings.social.link', { n: i + 1 }) : ctx.t('settings.social.new');
  return html`<fieldset class="entry" id="f-social-${i}"><legend>${legend}</legend>
!${field({ name: `social-${i}-label`, label: ctx.t('settings.social.label'), value: row.label, errors, required: stored })}
!${field({ name: `social-${i}-url`, label: ctx.t('settings.social.url'), type: 'url', value: row.url, errors, dir: 'ltr', required: stored })}
!${stored ? removeBox(`f-social-${i}-remove`, `social-${i}-remove`, ctx.t('settings.social.remove'), row.remove) : ''}
</fieldset>`;
}

function socialSection(ctx: AdminViewContext, action: string, forms: SettingsForms, errors: FieldError[]): string {
  return html`<form method="post" action="${action}/social" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.social')}</h2>
<p class="hint">${ctx.t('settings.social.intro')}</p>
!${forms.social.map((row, i) => socialFieldset(ctx, row, i, i < forms.storedSocial, errors)).join('')}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
}

function staffSection(ctx: AdminViewContext, action: string, staff: StaffForm, errors: FieldError[]): string {
  const numberField = (name: keyof typeof staffLimits) =>
    field({ name, label: ctx.t(`settings.${name}`), type: 'number', value: staff[name], errors, min: staffLimits[name][0], max: staffLimits[name][1], inputmode: 'numeric', required: true });
  return html`<form method="post" action="${action}/staff" novalidate>
!${hiddenCsrf(ctx.csrf)}
<h2>${ctx.t('settings.staff')}</h2>
<fieldset id="f-require2faRoles"><legend>${ctx.t('settings.require2fa')}</legend>
!${roles.map((r) => html`<div class="check"><input type="checkbox" id="require2fa-${r}" name="require2faRoles" value="${r}"!${staff.require2faRoles.includes(r) ? ' checked' : ''}><label for="require2fa-${r}">${ctx.t(`role.${r}`)}</label></div>`).join('')}
</fieldset>
!${numberField('idleMinutes')}
!${numberField('lifetimeHours')}
!${numberField('responseTargetHours')}
!${numberField('consultationRetentionDays')}
!${numberField('reviewIntervalMonths')}
!${textArea({ name: 'emergencySigns', label: ctx.t('settings.emergencySigns'), hint: ctx.t('settings.emergencySigns.hint'), value: staff.emergencySigns ?? '', errors, rows: 8 })}
!${textArea({ name: 'notSuitableEn', label: ctx.t('settings.notSuitableEn'), hint: ctx.t('settings.notSuitable.hint'), value: staff.notSuitableEn ?? '', errors, rows: 8, dir: 'ltr' })}
!${textArea({ name: 'notSuitableUr', label: ctx.t('settings.notSuitableUr'), hint: ctx.t('settings.notSuitable.hint'), value: staff.notSuitableUr ?? '', errors, rows: 8, dir: 'rtl' })}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
}

export function settingsView(ctx: AdminViewContext, forms: SettingsForms, errors: FieldError[], saved: boolean): string {
  const action = localePath(ctx.lang, '/admin/settings');
  const main = html`<h1>${ctx.t('settings.title')}</h1>
!${saved ? notice(ctx.t('admin.saved')) : ''}
!${errorSummary(ctx.t('admin.errors.title'), errors)}
!${clinicSection(ctx, action, forms.clinic, errors)}
!${locationsSection(ctx, action, forms, errors)}
!${socialSection(ctx, action, forms, errors)}
!${staffSection(ctx, action, forms.staff, errors)}
<p><a href="${localePath(ctx.lang, '/admin/settings/integrations')}">${ctx.t('integrations.title')}</a></p>`;
  return adminLayout(ctx, ctx.t('settings.title'), action, main);
}
