import { html, jsonForScript } from './html.ts';
import { direction, localePath } from './i18n/index.ts';
import type { PageMeta, ViewContext } from './context.ts';
import { clinicName, isWebLink, socialName } from './clinic.ts';
import { iconDataUrl, publicScript, publicStyle } from './inline-assets.ts';

function languageSwitch(ctx: ViewContext, meta: PageMeta): string {
  const other = ctx.lang === 'en' ? 'ur' : 'en';
  const target = meta.switchToHome ? { lang: other, path: localePath(other, '/') } : meta.alternates.find((a) => a.lang === other);
  // Said in the other language: it is read by the person who was looking for that language.
  if (!target) return html`<span class="lang-switch unavailable" lang="${other}" dir="${direction(other)}">${ctx.t('lang.unavailable')}</span>`;
  return html`<a class="lang-switch" href="${target.path}" hreflang="${other}" lang="${other}">${ctx.t('lang.switch')}</a>`;
}

function headTags(ctx: ViewContext, meta: PageMeta): string {
  // A page kept out of search (an error page) names no canonical address: its path may be whatever was typed.
  const canonical = meta.noindex ? '' : ctx.baseUrl + meta.path;
  const fullTitle = meta.path === localePath(ctx.lang, '/') ? meta.title : `${meta.title} | ${clinicName(ctx.clinic, ctx.lang)}`;
  const alternates = meta.alternates.map((a) => html`<link rel="alternate" hreflang="${a.lang}" href="${ctx.baseUrl + a.path}">`);
  const xDefault = meta.alternates.find((a) => a.lang === 'en');
  return html`<title>${fullTitle}</title>
<meta name="description" content="${meta.description}">
!${canonical ? html`<link rel="canonical" href="${canonical}">` : '<meta name="robots" content="noindex">'}
!${alternates.join('')}!${xDefault ? html`<link rel="alternate" hreflang="x-default" href="${ctx.baseUrl + xDefault.path}">` : ''}
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
!${canonical ? html`<meta property="og:url" content="${canonical}">` : ''}
<meta property="og:site_name" content="${clinicName(ctx.clinic, ctx.lang)}">
<meta property="og:locale" content="${ctx.lang === 'ur' ? 'ur_PK' : 'en_GB'}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">`;
}

/** Structured data for search engines; at the end of <body>, so that it does not sit between the reader and the page's first text. */
function structuredData(meta: PageMeta): string {
  return (meta.jsonLd ?? []).map((d) => `<script type="application/ld+json">${jsonForScript(d)}</script>\n`).join('');
}

/**
 * What a part of the layout that is the same on every page of a language is made of: the clinic's
 * settings (the same frozen object until they change, see SettingsService) and the language. Such a
 * part is rendered once per settings object and language, not on every page.
 */
type Settled = (ctx: ViewContext) => string;
function oncePerSettings(render: Settled): Settled {
  const made = new WeakMap<ViewContext['clinic'], Partial<Record<ViewContext['lang'], string>>>();
  return (ctx) => {
    let byLang = made.get(ctx.clinic);
    if (!byLang) made.set(ctx.clinic, (byLang = {}));
    return (byLang[ctx.lang] ??= render(ctx));
  };
}

function header(ctx: ViewContext, meta: PageMeta): string {
  return html`<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="${localePath(ctx.lang, '/')}">${clinicName(ctx.clinic, ctx.lang)}</a>
!${languageSwitch(ctx, meta)}
</div>
!${mainNav(ctx)}
</header>`;
}

const mainNav = oncePerSettings((ctx) => {
  const p = (path: string) => localePath(ctx.lang, path);
  return html`<nav class="wrap main-nav" aria-label="${ctx.t('nav.label')}">
<ul>
<li><a href="${p('/articles')}">${ctx.t('nav.articles')}</a></li>
<li><a href="${p('/conditions')}">${ctx.t('nav.conditions')}</a></li>
<li><a href="${p('/treatments')}">${ctx.t('nav.treatments')}</a></li>
<li><a href="${p('/about')}">${ctx.t('nav.about')}</a></li>
<li><a href="${p('/contact')}">${ctx.t('nav.contact')}</a></li>
<li><a href="${p('/search')}">${ctx.t('nav.search')}</a></li>
</ul>
</nav>`;
});

/** The clinic's social media pages, named by the network, at the foot of every page. */
function socialLinks(ctx: ViewContext): string {
  const links = Object.entries(ctx.clinic.social).filter(([, url]) => isWebLink(url));
  if (links.length === 0) return '';
  return html`<p class="footer-social">${ctx.t('footer.social')}:</p>
<ul class="footer-links">!${links.map(([key, url]) => html`<li><a href="${url}" rel="noopener" dir="auto">${socialName(key)}</a></li>`).join('')}</ul>`;
}

const footer = oncePerSettings((ctx) => {
  const p = (path: string) => localePath(ctx.lang, path);
  return html`<footer class="site-footer">
<div class="wrap">
<p>${ctx.t('footer.note')}</p>
<ul class="footer-links">
<li><a href="${p('/editorial-policy')}">${ctx.t('footer.editorial')}</a></li>
<li><a href="${p('/privacy')}">${ctx.t('footer.privacy')}</a></li>
<li><a href="${p('/contact')}">${ctx.t('nav.contact')}</a></li>
<li><a href="/feed.xml">${ctx.t('footer.feed')}</a></li>
</ul>
!${socialLinks(ctx)}
<p>© ${clinicName(ctx.clinic, ctx.lang)}</p>
</div>
</footer>`;
});

/**
 * The whole HTML document around a page's main content. The stylesheet, script and icon are written
 * into the page (see inline-assets.ts): a page is one request, so its first screen paints as soon as
 * the HTML has arrived, without waiting for another file on a slow connection.
 */
export function layout(ctx: ViewContext, meta: PageMeta, main: string): string {
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}" dir="${direction(ctx.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>!${publicStyle}</style>
!${headTags(ctx, meta)}
<link rel="alternate" type="application/atom+xml" title="${ctx.clinic.name}" href="${ctx.baseUrl}/feed.xml">
<link rel="icon" href="${iconDataUrl}" type="image/svg+xml">
<meta name="theme-color" content="#0b5f6b">
</head>
<body>
<a class="skip-link" href="#main">${ctx.t('skip')}</a>
!${header(ctx, meta)}
<main id="main" class="wrap">
!${main}
</main>
!${footer(ctx)}
!${structuredData(meta)}<script type="module">!${publicScript}</script>
</body>
</html>`;
}
