import type { StaffRole } from '#src/db/types.ts';
import { can, type Action } from '#src/permissions.ts';
import type { Assets } from './context.ts';
import { html } from './html.ts';
import { direction, localePath, type Translate } from './i18n/index.ts';
import type { Lang } from '#src/db/types.ts';
import type { MessageKey } from './i18n/index.ts';

export interface AdminViewContext {
  lang: Lang;
  t: Translate;
  assets: Assets & { adminCss: string; editorJs: string };
  clinicName: string;
  /** Path of this page in the other language, for the switcher. */
  otherLangPath: string;
  staff: { email: string; name: string; roles: StaffRole[] } | null;
  csrf: string;
}

const navItems: { path: string; key: MessageKey; action: Action }[] = [
  { path: '/admin', key: 'admin.nav.overview', action: 'dashboard.view' },
  { path: '/admin/consultations', key: 'admin.nav.consultations', action: 'consultations.handle' },
  { path: '/admin/articles', key: 'admin.nav.articles', action: 'articles.view' },
  { path: '/admin/reports', key: 'admin.nav.reports', action: 'articles.edit' },
  { path: '/admin/media', key: 'media.title', action: 'articles.edit' },
  { path: '/admin/users', key: 'admin.nav.users', action: 'users.manage' },
  { path: '/admin/settings', key: 'admin.nav.settings', action: 'settings.manage' },
  { path: '/admin/audit', key: 'admin.nav.audit', action: 'audit.view' },
  { path: '/admin/data-rights', key: 'admin.nav.dataRights', action: 'users.manage' },
  { path: '/admin/outbox', key: 'admin.nav.outbox', action: 'outbox.view' },
  { path: '/admin/account', key: 'admin.nav.account', action: 'account.manage' },
];

function nav(ctx: AdminViewContext, current: string): string {
  if (!ctx.staff) return '';
  const { roles } = ctx.staff;
  return html`<nav class="admin-nav" aria-label="${ctx.t('admin.nav')}"><ul>!${navItems
    .filter((item) => can(roles, item.action))
    .map((item) => {
      const href = localePath(ctx.lang, item.path);
      return href === current ? html`<li><a href="${href}" aria-current="page">${ctx.t(item.key)}</a></li>` : html`<li><a href="${href}">${ctx.t(item.key)}</a></li>`;
    })
    .join('')}</ul>
<form method="post" action="${localePath(ctx.lang, '/admin/sign-out')}"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="link-button">${ctx.t('admin.nav.signOut')}</button></form>
</nav>`;
}

/** The staff dashboard page: never indexed, never cached, no public navigation. */
export function adminLayout(ctx: AdminViewContext, title: string, current: string, main: string): string {
  const other = ctx.lang === 'en' ? 'ur' : 'en';
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}" dir="${direction(ctx.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} | ${ctx.t('admin.title')} | ${ctx.clinicName}</title>
<link rel="stylesheet" href="${ctx.assets.css}">
<link rel="stylesheet" href="${ctx.assets.adminCss}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script type="module" src="${ctx.assets.js}"></script>
</head>
<body class="admin">
<a class="skip-link" href="#main">${ctx.t('skip')}</a>
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="${localePath(ctx.lang, ctx.staff ? '/admin' : '/admin/sign-in')}">${ctx.clinicName} · ${ctx.t('admin.title')}</a>
<a class="lang-switch" href="${ctx.otherLangPath}" hreflang="${other}" lang="${other}">${ctx.t('lang.switch')}</a>
</div>
!${ctx.staff ? html`<p class="wrap signed-in">${ctx.t('admin.signedInAs', { email: ctx.staff.email })}</p>` : ''}
</header>
<div class="wrap admin-body!${ctx.staff ? ' with-nav' : ''}">
!${nav(ctx, current)}
<main id="main">
!${main}
</main>
</div>
</body>
</html>`;
}
