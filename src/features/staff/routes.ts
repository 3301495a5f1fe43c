import type { FastifyInstance } from 'fastify';
import type { StaffRole, User } from '#src/db/types.ts';
import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { formLine, formList, formText, type FieldError } from '#src/web/forms.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, safeNext, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { clearSessionCookie, setSessionCookie } from '#src/http/admin/session-cookie.ts';
import { roles as allRoles } from '#src/permissions.ts';
import { actorOf, emailSchema, StaffError } from './service.ts';
import { accountView, codeView, enrolView, forgotView, recoveryCodesView, setPasswordView, signInView, userEditView, usersView, type SignInForm } from './views.ts';

type Body = Record<string, unknown>;
const str = (v: unknown, max = 1000): string => formText(v, max);
const NAME_MAX = 120;
const rolesOf = (v: unknown): StaffRole[] => formList(v).filter((r): r is StaffRole => (allRoles as readonly string[]).includes(r));

/** A name is required and fits the account list; a longer one is refused with the typed text kept, not cut short. */
function nameErrors(name: string, t: AdminViewContext['t']): FieldError[] {
  if (!name) return [{ field: 'f-name', message: t('field.required') }];
  if (name.length > NAME_MAX) return [{ field: 'f-name', message: t('field.tooLong', { max: NAME_MAX }) }];
  return [];
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
      const result = await staff.signIn(form.email, str(body.password, 1024), requestInfo(ctx));
      if (result.kind === 'rejected') {
        await deps.sleep(result.delayMs);
        return sendHtml(reply, result.locked ? 429 : 401, signInView(ctx.view, { ...form, message: result.locked ? 'locked' : 'failed' }));
      }
      setSessionCookie(reply, deps, result.token);
      if (result.kind === 'second-factor') return redirect(reply, `${ctx.p('/admin/sign-in/code')}?next=${encodeURIComponent(form.next)}`);
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
      const result = await staff.completeSecondFactor(ctx.staff, str(body.code, 40), requestInfo(ctx));
      if ('failed' in result) return sendHtml(reply, result.locked ? 429 : 401, codeView(ctx.view, result.locked ? 'locked' : 'failed'));
      setSessionCookie(reply, deps, result.token);
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
      if (!emailSchema.safeParse(email).success) return sendHtml(reply, 400, forgotView(ctx.view, email, [{ field: 'f-email', message: ctx.view.t('field.email') }]));
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
      return sendHtml(reply, link ? 200 : 410, setPasswordView(ctx.view, token, link?.user.email ?? null, []));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/password/set', access: 'public',
    handler: async (request, reply, ctx) => {
      const body = request.body as Body;
      const token = str(body.token, 100);
      const password = str(body.password, 1024);
      const result = await staff.setPasswordWithLink(token, password, requestInfo(ctx), str(body.confirm, 1024));
      if ('problem' in result) {
        if (!('email' in result)) return sendHtml(reply, 410, setPasswordView(ctx.view, token, null, []));
        const field = result.problem === 'mismatch' ? 'f-confirm' : 'f-password';
        return sendHtml(reply, 400, setPasswordView(ctx.view, token, result.email, [{ field, message: ctx.view.t(`password.${result.problem}`) }]));
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
      const codes = await staff.confirmTotp(ctx.staff, str((request.body as Body).code, 20), ctx.ip);
      if (!codes) {
        const e = await staff.totpEnrolment(ctx.staff.user);
        return sendHtml(reply, 400, enrolView(ctx.view, { ...e, required: await staff.mustEnrol(ctx.staff.user), failed: true }));
      }
      return sendHtml(reply, 200, recoveryCodesView(ctx.view, codes));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/account/2fa/disable', access: 'account.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const result = await staff.disableTotp(ctx.staff, str((request.body as Body).code, 20), ctx.ip);
      if (result === 'ok') return redirect(reply, `${ctx.p('/admin/account')}?m=2fa-off`);
      const message = result === 'required' ? ctx.view.t('account.2fa.required') : ctx.view.t('signIn.code.failed');
      return sendHtml(reply, 400, await account(ctx, undefined, [{ field: 'f-code', message }]));
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
  const storedForm = (user: User) => ({ name: user.name, roles: rolesOf(user.roles.split(',')), status: user.status });

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
      const form = { email: str(body.email, 320).trim(), name: formLine(body.name, 1000), roles: rolesOf(body.roles) };
      const errors: FieldError[] = [];
      if (!emailSchema.safeParse(form.email).success) errors.push({ field: 'f-email', message: ctx.view.t('field.email') });
      errors.push(...nameErrors(form.name, ctx.view.t));
      if (form.roles.length === 0) errors.push({ field: 'f-roles', message: ctx.view.t('field.roles') });
      if (errors.length === 0) {
        try {
          const user = await staff.invite(actorOf(ctx.staff.user, ctx.ip), form, ctx.view.lang);
          return redirect(reply, `${ctx.p('/admin/users')}?invited=${user.id}`);
        } catch (err) {
          if (!(err instanceof StaffError && err.code === 'exists')) throw err;
          errors.push({ field: 'f-email', message: ctx.view.t('users.exists') });
        }
      }
      return sendHtml(reply, 400, usersView(ctx.view, await staff.users(), form, errors));
    },
  });

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/users/:id', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      const user = await userOf(request.params);
      if (!user) return reply.callNotFound();
      return sendHtml(reply, 200, userEditView(ctx.view, user, storedForm(user), []));
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
      const form = { name: formLine(body.name, 1000), roles: rolesOf(body.roles), status } as const;
      const errors: FieldError[] = nameErrors(form.name, ctx.view.t);
      if (form.roles.length === 0) errors.push({ field: 'f-roles', message: ctx.view.t('field.roles') });
      if (errors.length === 0) {
        try {
          await staff.updateUser(actorOf(ctx.staff.user, ctx.ip), user.id, form);
          return redirect(reply, ctx.p('/admin/users'));
        } catch (err) {
          if (!(err instanceof StaffError && (err.code === 'last-admin' || err.code === 'bad-status'))) throw err;
          if (err.code === 'last-admin') errors.push({ field: 'f-roles', message: ctx.view.t('users.lastAdmin') });
          else errors.push({ field: 'f-status', message: ctx.view.t('users.badStatus') });
        }
      }
      return sendHtml(reply, 400, userEditView(ctx.view, user, form, errors));
    },
  });

  adminRoute(app, deps, {
    method: 'POST', path: '/admin/users/:id/invite', access: 'users.manage',
    handler: async (request, reply, ctx) => {
      if (!ctx.staff) throw new Error('guarded');
      const user = await userOf(request.params);
      if (!user) return reply.callNotFound();
      try {
        await staff.resendInvite(actorOf(ctx.staff.user, ctx.ip), user.id, ctx.view.lang);
      } catch (err) {
        if (!(err instanceof StaffError && err.code === 'not-invited')) throw err;
        return sendHtml(reply, 409, userEditView(ctx.view, user, storedForm(user), [{ field: 'f-status', message: ctx.view.t('users.notInvited') }]));
      }
      return redirect(reply, `${ctx.p('/admin/users')}?invited=${user.id}`);
    },
  });
}
