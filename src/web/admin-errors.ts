import { adminLayout, type AdminViewContext } from './admin-layout.ts';
import { html } from './html.ts';
import { localePath } from './i18n/index.ts';

const errorTexts = {
  unauthenticated: ['error.401.title', 'error.401.text'],
  forbidden: ['error.403.title', 'error.403.text'],
  csrf: ['error.csrf.title', 'error.csrf.text'],
  'too-many': ['error.refused.title', 'error.refused.text'],
} as const;

export function adminErrorView(ctx: AdminViewContext, kind: keyof typeof errorTexts): string {
  const [titleKey, textKey] = errorTexts[kind];
  const title = ctx.t(titleKey);
  const text = ctx.t(textKey);
  return adminLayout(ctx, title, '', html`<h1>${title}</h1><p>${text}</p><p><a href="${localePath(ctx.lang, ctx.staff ? '/admin' : '/admin/sign-in')}">${ctx.t(ctx.staff ? 'admin.nav.overview' : 'signIn.title')}</a></p>`);
}
