import type { StaffRole, User } from '#src/db/types.ts';
import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, field, hiddenCsrf, notice, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { formatDate, localePath } from '#src/web/i18n/index.ts';
import { roles as allRoles } from '#src/permissions.ts';
import { statusChoices } from './status.ts';

const p = (ctx: AdminViewContext, path: string) => localePath(ctx.lang, path);

export interface SignInForm {
  email: string;
  message?: 'failed' | 'locked' | 'signed-out' | 'expired' | 'password-set' | 'reset-sent';
  next: string;
}

export function signInView(ctx: AdminViewContext, form: SignInForm): string {
  const messages = { failed: ctx.t('signIn.failed'), locked: ctx.t('signIn.locked'), 'signed-out': ctx.t('signIn.signedOut'), expired: ctx.t('signIn.expired'), 'password-set': ctx.t('setPassword.done'), 'reset-sent': ctx.t('forgot.sent') };
  const bad = form.message === 'failed' || form.message === 'locked';
  const main = html`<h1>${ctx.t('signIn.title')}</h1>
<p>${ctx.t('signIn.intro')}</p>
!${form.message ? (bad ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${messages[form.message]}</p></div>` : notice(messages[form.message])) : ''}
<form method="post" action="${p(ctx, '/admin/sign-in')}" novalidate>
!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="next" value="${form.next}">
!${field({ name: 'email', label: ctx.t('signIn.email'), type: 'email', value: form.email, autocomplete: 'username', required: true, dir: 'ltr' })}
!${field({ name: 'password', label: ctx.t('signIn.password'), type: 'password', autocomplete: 'current-password', required: true, dir: 'ltr' })}
<div class="actions"><button type="submit">${ctx.t('signIn.submit')}</button> <a href="${p(ctx, '/admin/password/forgot')}">${ctx.t('signIn.forgot')}</a></div>
</form>`;
  return adminLayout(ctx, ctx.t('signIn.title'), '', main);
}

export function codeView(ctx: AdminViewContext, message?: 'failed' | 'locked'): string {
  const errors: FieldError[] = message ? [{ field: 'f-code', message: ctx.t(message === 'failed' ? 'signIn.code.failed' : 'signIn.code.locked') }] : [];
  const main = html`<h1>${ctx.t('signIn.code.title')}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<p>${ctx.t('signIn.code.intro')}</p>
<form method="post" action="${p(ctx, '/admin/sign-in/code')}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'code', label: ctx.t('signIn.code.label'), autocomplete: 'one-time-code', required: true, errors, dir: 'ltr' })}
<div class="actions"><button type="submit">${ctx.t('signIn.code.submit')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('signIn.code.title'), '', main);
}

export function forgotView(ctx: AdminViewContext, email: string, errors: FieldError[]): string {
  const main = html`<h1>${ctx.t('forgot.title')}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<p>${ctx.t('forgot.intro')}</p>
<form method="post" action="${p(ctx, '/admin/password/forgot')}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'email', label: ctx.t('signIn.email'), type: 'email', value: email, autocomplete: 'username', required: true, errors, dir: 'ltr' })}
<div class="actions"><button type="submit">${ctx.t('forgot.submit')}</button> <a href="${p(ctx, '/admin/sign-in')}">${ctx.t('admin.cancel')}</a></div>
</form>`;
  return adminLayout(ctx, ctx.t('forgot.title'), '', main);
}

export function setPasswordView(ctx: AdminViewContext, token: string, email: string | null, errors: FieldError[]): string {
  if (email === null) {
    return adminLayout(ctx, ctx.t('setPassword.title'), '', html`<h1>${ctx.t('setPassword.title')}</h1><div class="error-summary" role="alert" tabindex="-1"><p>${ctx.t('setPassword.badLink')}</p></div><p><a href="${p(ctx, '/admin/password/forgot')}">${ctx.t('signIn.forgot')}</a></p>`);
  }
  const main = html`<h1>${ctx.t('setPassword.title')}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<p>${ctx.t('setPassword.intro')}</p>
<form method="post" action="${p(ctx, '/admin/password/set')}" novalidate>
!${hiddenCsrf(ctx.csrf)}<input type="hidden" name="token" value="${token}">
<input type="email" name="username" value="${email}" autocomplete="username" hidden>
!${field({ name: 'password', label: ctx.t('setPassword.password'), type: 'password', autocomplete: 'new-password', required: true, errors, dir: 'ltr' })}
!${field({ name: 'confirm', label: ctx.t('setPassword.confirm'), type: 'password', autocomplete: 'new-password', required: true, errors, dir: 'ltr' })}
<div class="actions"><button type="submit">${ctx.t('setPassword.submit')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('setPassword.title'), '', main);
}

export interface AccountData {
  user: User;
  codesLeft: number;
  required: boolean;
  message?: 'signed-out-everywhere' | '2fa-on' | '2fa-off';
  disableErrors?: FieldError[];
}

export function accountView(ctx: AdminViewContext, d: AccountData): string {
  const u = d.user;
  const messages = { 'signed-out-everywhere': ctx.t('account.signedOutEverywhere'), '2fa-on': ctx.t('enrol.done'), '2fa-off': ctx.t('disable.done') };
  const twoFactor = u.totp_enabled_at
    ? html`<p>${ctx.t('account.2fa.on', { date: formatDate(ctx.lang, u.totp_enabled_at), n: d.codesLeft })}</p>
!${d.required
  ? html`<p>${ctx.t('account.2fa.required')}</p>`
  : html`<form method="post" action="${p(ctx, '/admin/account/2fa/disable')}" novalidate>!${hiddenCsrf(ctx.csrf)}
!${errorSummary(ctx.t('admin.errors.title'), d.disableErrors ?? [])}
<p>${ctx.t('disable.intro')}</p>
!${field({ name: 'code', label: ctx.t('signIn.code.label'), autocomplete: 'one-time-code', inputmode: 'numeric', errors: d.disableErrors ?? [], dir: 'ltr' })}
<div class="actions"><button type="submit" class="secondary">${ctx.t('account.2fa.disable')}</button></div></form>`}`
    : html`<p>${ctx.t('account.2fa.off')}</p><p><a class="button" href="${p(ctx, '/admin/account/2fa')}">${ctx.t('account.2fa.setUp')}</a></p>`;
  const main = html`<h1>${ctx.t('account.title')}</h1>
!${d.message ? notice(messages[d.message]) : ''}
<dl><dt>${ctx.t('account.name')}</dt><dd>${u.name}</dd><dt>${ctx.t('signIn.email')}</dt><dd dir="ltr">${u.email}</dd>
<dt>${ctx.t('account.roles')}</dt><dd>${u.roles.split(',').map((r) => ctx.t(`role.${r as StaffRole}`)).join(', ')}</dd></dl>
<h2>${ctx.t('account.2fa')}</h2>
!${twoFactor}
<h2>${ctx.t('account.sessions')}</h2>
<form method="post" action="${p(ctx, '/admin/account/sign-out-everywhere')}">!${hiddenCsrf(ctx.csrf)}<div class="actions"><button type="submit" class="secondary">${ctx.t('account.signOutEverywhere')}</button></div></form>`;
  return adminLayout(ctx, ctx.t('account.title'), p(ctx, '/admin/account'), main);
}

export function enrolView(ctx: AdminViewContext, e: { secret: string; svg: string; required: boolean; failed: boolean }): string {
  const errors: FieldError[] = e.failed ? [{ field: 'f-code', message: ctx.t('enrol.failed') }] : [];
  const main = html`<h1>${ctx.t('enrol.title')}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
!${e.required ? notice(ctx.t('enrol.required'), 'warning') : ''}
<ol>
<li><p>${ctx.t('enrol.step1')}</p>
<figure class="qr" role="img" aria-label="${ctx.t('enrol.qr')}">!${e.svg}</figure>
<p>${ctx.t('enrol.manual')} <code class="secret">${e.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p></li>
<li><p>${ctx.t('enrol.step2')}</p>
<form method="post" action="${p(ctx, '/admin/account/2fa')}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'code', label: ctx.t('signIn.code.label'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors, dir: 'ltr' })}
<div class="actions"><button type="submit">${ctx.t('enrol.submit')}</button></div>
</form></li>
</ol>`;
  return adminLayout(ctx, ctx.t('enrol.title'), p(ctx, '/admin/account'), main);
}

export function recoveryCodesView(ctx: AdminViewContext, codes: string[]): string {
  const main = html`<h1>${ctx.t('enrol.codes')}</h1>
!${notice(ctx.t('enrol.done'))}
<p>${ctx.t('enrol.codesIntro')}</p>
<ul class="codes">!${codes.map((c) => html`<li>${c}</li>`).join('')}</ul>
<p><a class="button" href="${p(ctx, '/admin/account')}">${ctx.t('enrol.continue')}</a></p>`;
  return adminLayout(ctx, ctx.t('enrol.codes'), p(ctx, '/admin/account'), main);
}

export interface InviteForm {
  email: string;
  name: string;
  roles: StaffRole[];
}

function rolesFieldset(ctx: AdminViewContext, chosen: StaffRole[], errors: FieldError[]): string {
  const error = errors.find((e) => e.field === 'f-roles');
  return html`<fieldset id="f-roles"!${error ? ' aria-describedby="f-roles-error"' : ''}><legend>${ctx.t('users.roles')}</legend>
!${error ? html`<p class="field-error" id="f-roles-error">${error.message}</p>` : ''}
!${allRoles
    .map(
      (r) => html`<div class="check"><input type="checkbox" id="role-${r}" name="roles" value="${r}"!${chosen.includes(r) ? ' checked' : ''}><label for="role-${r}"><strong>${ctx.t(`role.${r}`)}</strong> — ${ctx.t(`role.${r}.text`)}</label></div>`,
    )
    .join('')}
</fieldset>`;
}

export function usersView(ctx: AdminViewContext, users: User[], form: InviteForm, errors: FieldError[], message?: string): string {
  const rows = users
    .map(
      (u) => html`<tr><td dir="ltr"><a href="${p(ctx, `/admin/users/${u.id}`)}">${u.email}</a></td><td>${u.name}</td>
<td>${u.roles.split(',').map((r) => ctx.t(`role.${r as StaffRole}`)).join(', ')}</td><td>${ctx.t(`users.status.${u.status}`)}</td><td>${ctx.t(u.totp_enabled_at ? 'users.yes' : 'users.no')}</td></tr>`,
    )
    .join('');
  const main = html`<h1>${ctx.t('users.title')}</h1>
!${message ? notice(message) : ''}
<section class="table-wrap" tabindex="0" aria-label="${ctx.t('users.title')}"><table class="data"><thead><tr><th scope="col">${ctx.t('users.email')}</th><th scope="col">${ctx.t('users.name')}</th><th scope="col">${ctx.t('users.roles')}</th><th scope="col">${ctx.t('users.status')}</th><th scope="col">${ctx.t('users.2fa')}</th></tr></thead>
<tbody>!${rows}</tbody></table></section>
<h2 id="invite">${ctx.t('users.invite')}</h2>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<form method="post" action="${p(ctx, '/admin/users/invite')}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'email', label: ctx.t('users.email'), type: 'email', value: form.email, required: true, errors, dir: 'ltr', autocomplete: 'off' })}
!${field({ name: 'name', label: ctx.t('users.name'), value: form.name, required: true, errors, autocomplete: 'off' })}
!${rolesFieldset(ctx, form.roles, errors)}
<div class="actions"><button type="submit">${ctx.t('users.invite.submit')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('users.title'), p(ctx, '/admin/users'), main);
}

export function userEditView(ctx: AdminViewContext, user: User, form: { name: string; roles: StaffRole[]; status: User['status']; personId: number | null }, errors: FieldError[], profiles: { id: number; name: string }[]): string {
  const statuses = statusChoices(user);
  const statusError = errors.find((e) => e.field === 'f-status');
  const resend =
    user.status === 'invited' && !user.password_hash
      ? html`<h2>${ctx.t('users.resend.title')}</h2>
<p>${ctx.t('users.resend.text')}</p>
<form method="post" action="${p(ctx, `/admin/users/${user.id}/invite`)}">
!${hiddenCsrf(ctx.csrf)}
<div class="actions"><button type="submit">${ctx.t('users.resend.submit')}</button></div>
</form>`
      : '';
  const main = html`<h1>${ctx.t('users.edit', { name: user.name })}</h1>
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<p dir="ltr">${user.email}</p>
<form method="post" action="${p(ctx, `/admin/users/${user.id}`)}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${field({ name: 'name', label: ctx.t('users.name'), value: form.name, required: true, errors })}
!${rolesFieldset(ctx, form.roles, errors)}
<fieldset id="f-status"!${statusError ? ' aria-describedby="f-status-error"' : ''}><legend>${ctx.t('users.status')}</legend>
!${statusError ? html`<p class="field-error" id="f-status-error">${statusError.message}</p>` : ''}
!${statuses.map((s) => html`<div class="check"><input type="radio" id="status-${s}" name="status" value="${s}"!${form.status === s ? ' checked' : ''}><label for="status-${s}">${ctx.t(`users.status.${s}`)}</label></div>`).join('')}
</fieldset>
<div class="field"><label for="f-personId">${ctx.t('users.person')}</label><p class="hint" id="f-personId-hint">${ctx.t('users.person.hint')}</p><select id="f-personId" name="personId" aria-describedby="f-personId-hint"><option value="">${ctx.t('users.person.none')}</option>!${profiles.map((pr) => html`<option value="${pr.id}"!${pr.id === form.personId ? ' selected' : ''}>${pr.name}</option>`).join('')}</select></div>
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button> <a href="${p(ctx, '/admin/users')}">${ctx.t('admin.cancel')}</a></div>
</form>
!${resend}`;
  return adminLayout(ctx, ctx.t('users.edit', { name: user.name }), p(ctx, '/admin/users'), main);
}
