import type { FastifyInstance } from 'fastify';
import type { StaffRole, User } from '#src/db/types.ts';
import { errors, messageKey, type CatalogError } from '#src/errors.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { fieldErrors } from '#src/web/form-errors.ts';
import { formLine, formList, formText, type FieldError } from '#src/web/forms.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, safeNext, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { clearSessionCookie, setSessionCookie } from '#src/http/admin/session-cookie.ts';
import { roles as allRoles } from '#src/permissions.ts';
import { actorOf, codeSchema, forgotPasswordSchema, inviteSchema, setPasswordSchema, signInSchema, userEditSchema } from './service.ts';
import { accountView, codeView, enrolView, forgotView, recoveryCodesView, setPasswordView, signInView, userEditView, usersView, type SignInForm } from './views.ts';

type Body = Record<string, unknown>;
const str = (v: unknown, max = 1000): string => formText(v, max);
const rolesOf = (v: unknown): StaffRole[] => formList(v).filter((r): r is StaffRole => (allRoles as readonly string[]).includes(r));

/** An expected failure from the service, shown beside the field it is about. */
function errorBeside(field: string, error: CatalogError, t: AdminViewContext['t']): FieldError[] {
  return [{ field, message: t(messageKey(error)) }];
}

/** An email as typed, without hidden characters: direction overrides never reach the page or the log. */
const typedEmail = (v: unknown): string => formLine(v, 320);

const signInMessages = ['signed-out', 'expired', 'password-set', 'reset-sent'] as const;

function requestInfo(ctx: AdminRequestContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}

/** Sign-in, second step, sign-out, forgotten password and the links that set a password. */
export function signInRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { staff } = deps.services;
  app.addHook('onClose', () => staff.settle());

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/sign-in', access: 'public',
    handler: async (request, reply, ctx) => {
      if (ctx.staff?.session.stage === 'full') return redirect(reply, ctx.p('/admin'));
      const query = request.query as Body;
      const message = signInMessages.find((m) => m === query.m);
      return sendHtml(reply, 200, signInView(ctx.view, { email: '', next: safeNext(query.next, ctx.lang), message }));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/sign-in', access: 'public',
    handler: async (request, reply, ctx) => {
      const body = request.body as Body;
      const form: SignInForm = { email: typedEmail(body.email), next: safeNext(body.next, ctx.lang) };
      // Text fields cut to their limits cannot fail this schema; it names what the form sends.
      const input = signInSchema.parse({ email: form.email, password: str(body.password, 1024) });
      const result = await staff.signIn(input.email, input.password, requestInfo(ctx));
      if (!result.ok) {
        await deps.sleep(result.delayMs);
        const locked = result.error.code === errors.SignInLocked.spec.code;
        return sendHtml(reply, result.error.statusCode, signInView(ctx.view, { ...form, message: locked ? 'locked' : 'failed' }));
      }
      setSessionCookie(reply, deps, result.value.token);
      if (result.value.secondFactor) return redirect(reply, `${ctx.p('/admin/sign-in/code')}?next=${encodeURIComponent(form.next)}`);
      return redirect(reply, form.next);
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/sign-in/code', access: 'second-factor',
    handler: async (_request, reply, ctx) => sendHtml(reply, 200, codeView(ctx.view)),
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/sign-in/code', access: 'second-factor',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) return redirect(reply, ctx.p('/admin/sign-in'));
      const body = request.body as Body;
      const { code } = codeSchema.parse({ code: str(body.code, 40) });
      const result = await staff.completeSecondFactor(ctx.staff, code, requestInfo(ctx));
      if (!result.ok) return sendHtml(reply, result.error.statusCode, codeView(ctx.view, result.error.code === errors.SecondFactorLocked.spec.code ? 'locked' : 'failed'));
      setSessionCookie(reply, deps, result.value);
      return redirect(reply, safeNext((request.query as Body).next, ctx.lang));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/sign-out', access: 'signed-in',
    handler: async (_request, reply, ctx) => {
      if (ctx.staff) await staff.signOut(ctx.staff, ctx.ip);
      clearSessionCookie(reply, deps);
      return redirect(reply, `${ctx.p('/admin/sign-in')}?m=signed-out`);
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/password/forgot', access: 'public',
    handler: async (_request, reply, ctx) => sendHtml(reply, 200, forgotView(ctx.view, '', [])),
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/password/forgot', access: 'public',
    handler: async (request, reply, ctx) => {
      const email = typedEmail((request.body as Body).email);
      const parsed = forgotPasswordSchema.safeParse({ email });
      if (!parsed.success) return sendHtml(reply, errors.InvalidInput.spec.status, forgotView(ctx.view, email, fieldErrors(parsed.error.issues, { t: ctx.view.t })));
      // Answered before the request is looked up, so the time it takes says nothing about the address.
      staff.requestResetSoon(email, requestInfo(ctx), (err) => request.log.error({ err }, 'password reset request failed'));
      return redirect(reply, `${ctx.p('/admin/sign-in')}?m=reset-sent`);
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/password/set', access: 'public',
    handler: async (request, reply, ctx) => {
      const token = str((request.query as Body).token, 100);
      const link = token ? await staff.linkUser(token) : null;
      return sendHtml(reply, link ? 200 : errors.LinkInvalid.spec.status, setPasswordView(ctx.view, token, link?.user.email ?? null, []));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/password/set', access: 'public',
    handler: async (request, reply, ctx) => {
      const body = request.body as Body;
      const { token, password, confirm } = setPasswordSchema.parse({ token: str(body.token, 100), password: str(body.password, 1024), confirm: str(body.confirm, 1024) });
      const result = await staff.setPasswordWithLink(token, password, requestInfo(ctx), confirm);
      if (!result.ok) {
        const { error } = result;
        if (result.email === undefined) return sendHtml(reply, error.statusCode, setPasswordView(ctx.view, token, null, []));
        const field = error.code === errors.PasswordMismatch.spec.code ? 'f-confirm' : 'f-password';
        return sendHtml(reply, error.statusCode, setPasswordView(ctx.view, token, result.email, errorBeside(field, error, ctx.view.t)));
      }
      clearSessionCookie(reply, deps);
      return redirect(reply, `${ctx.p('/admin/sign-in')}?m=password-set`);
    },
  });
}

/** The signed-in person's own account: two-step verification and sessions. */
export function accountRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { staff } = deps.services;
  const account = async (ctx: AdminRequestContext, message?: 'signed-out-everywhere' | '2fa-on' | '2fa-off', disableErrors: FieldError[] = []) => {
    if (!ctx.staff) throw new Error('guarded');
    const user = ctx.staff.user;
    const required = await staff.twoFactorRequired(user);
    return accountView(ctx.view, { user, codesLeft: await staff.recoveryCodesLeft(user), required, message, disableErrors });
  };

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/account', access: 'account.manage', duringEnrolment: true,
    handler: async (request, reply, ctx) => {
      const m = (request.query as Body).m;
      const message = m === 'signed-out-everywhere' || m === '2fa-on' || m === '2fa-off' ? m : undefined;
      return sendHtml(reply, 200, await account(ctx, message));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/account/sign-out-everywhere', access: 'account.manage', duringEnrolment: true,
    handler: async (_request, reply, ctx) => {
      if (ctx.staff) await staff.signOutEverywhere(ctx.staff, ctx.ip);
      clearSessionCookie(reply, deps);
      return redirect(reply, `${ctx.p('/admin/sign-in')}?m=signed-out`);
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/account/2fa', access: 'account.manage', duringEnrolment: true,
    handler: async (_request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      if (ctx.staff.user.totp_enabled_at) return redirect(reply, ctx.p('/admin/account'));
      const e = await staff.totpEnrolment(ctx.staff.user);
      return sendHtml(reply, 200, enrolView(ctx.view, { ...e, required: await staff.mustEnrol(ctx.staff.user), failed: false }));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/account/2fa', access: 'account.manage', duringEnrolment: true,
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      if (ctx.staff.user.totp_enabled_at) return redirect(reply, ctx.p('/admin/account'));
      const { code } = codeSchema.parse({ code: str((request.body as Body).code, 20) });
      const result = await staff.confirmTotp(ctx.staff, code, ctx.ip);
      if (!result.ok) {
        const e = await staff.totpEnrolment(ctx.staff.user);
        return sendHtml(reply, result.error.statusCode, enrolView(ctx.view, { ...e, required: await staff.mustEnrol(ctx.staff.user), failed: true }));
      }
      return sendHtml(reply, 200, recoveryCodesView(ctx.view, result.value));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/account/2fa/disable', access: 'account.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const { code } = codeSchema.parse({ code: str((request.body as Body).code, 20) });
      const result = await staff.disableTotp(ctx.staff, code, ctx.ip);
      if (result.ok) return redirect(reply, `${ctx.p('/admin/account')}?m=2fa-off`);
      return sendHtml(reply, result.error.statusCode, await account(ctx, undefined, errorBeside('f-code', result.error, ctx.view.t)));
    },
  });
}

/** Admins manage accounts: invite, change roles, disable. */
export function userRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { staff } = deps.services;
  const userId = (params: unknown): number | null => {
    const id = (params as { id?: string }).id ?? '';
    return /^[1-9]\d{0,9}$/.test(id) ? Number(id) : null;
  };

  const userOf = async (params: unknown): Promise<User | undefined> => {
    const id = userId(params);
    return id === null ? undefined : staff.user(id);
  };
  const storedForm = (user: User) => ({ name: user.name, roles: rolesOf(user.roles.split(',')), status: user.status, personId: user.person_id });
  const profiles = async () => (await deps.services.people.all()).map((person) => ({ id: person.id, name: person.name }));

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/users', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      // The notice names an account that really was invited, never text taken from the address bar.
      const invitedId = userId({ id: (request.query as Body).invited });
      const invited = invitedId === null ? undefined : await staff.user(invitedId);
      const notice = invited?.status === 'invited' ? ctx.view.t('users.invited', { email: invited.email }) : undefined;
      return sendHtml(reply, 200, usersView(ctx.view, await staff.users(), { email: '', name: '', roles: [] }, [], notice));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/users/invite', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const body = request.body as Body;
      // The typed values, kept as they are to show again beside any error.
      const form = { email: str(body.email, 320).trim(), name: formLine(body.name, 1000), roles: rolesOf(body.roles) };
      const parsed = inviteSchema.safeParse(form);
      if (!parsed.success) return sendHtml(reply, errors.InvalidInput.spec.status, usersView(ctx.view, await staff.users(), form, fieldErrors(parsed.error.issues, { t: ctx.view.t })));
      const result = await staff.invite(actorOf(ctx.staff.user, ctx.ip), parsed.data, ctx.view.lang);
      if (result.ok) return redirect(reply, `${ctx.p('/admin/users')}?invited=${result.value.id}`);
      return sendHtml(reply, result.error.statusCode, usersView(ctx.view, await staff.users(), form, errorBeside('f-email', result.error, ctx.view.t)));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/users/:id', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      const user = await userOf(request.params);
      if (!user) return reply.callNotFound();
      return sendHtml(reply, 200, userEditView(ctx.view, user, storedForm(user), [], await profiles()));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/users/:id', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const user = await userOf(request.params);
      if (!user) return reply.callNotFound();
      const body = request.body as Body;
      const status = body.status === 'disabled' ? 'disabled' : body.status === 'invited' ? 'invited' : 'active';
      const personId = Number(formLine(body.personId, 12)) || null;
      const form = { name: formLine(body.name, 1000), roles: rolesOf(body.roles), status, personId } as const;
      const parsed = userEditSchema.safeParse(form);
      if (!parsed.success) return sendHtml(reply, errors.InvalidInput.spec.status, userEditView(ctx.view, user, form, fieldErrors(parsed.error.issues, { t: ctx.view.t }), await profiles()));
      const result = await staff.updateUser(actorOf(ctx.staff.user, ctx.ip), user.id, parsed.data);
      if (result.ok) return redirect(reply, ctx.p('/admin/users'));
      if (result.error.code === errors.UserNotFound.spec.code) return reply.callNotFound();
      const field = result.error.code === errors.LastAdmin.spec.code ? 'f-roles' : 'f-status';
      return sendHtml(reply, result.error.statusCode, userEditView(ctx.view, user, form, errorBeside(field, result.error, ctx.view.t), await profiles()));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/users/:id/invite', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const user = await userOf(request.params);
      if (!user) return reply.callNotFound();
      const result = await staff.resendInvite(actorOf(ctx.staff.user, ctx.ip), user.id, ctx.view.lang);
      if (result.ok) return redirect(reply, `${ctx.p('/admin/users')}?invited=${user.id}`);
      if (result.error.code === errors.UserNotFound.spec.code) return reply.callNotFound();
      return sendHtml(reply, result.error.statusCode, userEditView(ctx.view, user, storedForm(user), errorBeside('f-status', result.error, ctx.view.t), await profiles()));
    },
  });
}
