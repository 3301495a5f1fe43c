import { adminLayout, type AdminViewContext } from './admin-layout.ts';
import type { ErrorTexts } from './error-view.ts';
import { html } from './html.ts';
import { localePath } from './i18n/index.ts';

/** An error drawn in the dashboard layout, in the person's language, with a way back in. */
export function adminErrorView(ctx: AdminViewContext, texts: ErrorTexts): string {
  const title = ctx.t(texts.title);
  const text = ctx.t(texts.text);
  return adminLayout(ctx, title, '', html`<h1>${title}</h1><p>${text}</p><p><a href="${localePath(ctx.lang, ctx.staff ? '/admin' : '/admin/sign-in')}">${ctx.t(ctx.staff ? 'admin.nav.overview' : 'signIn.title')}</a></p>`);
}
