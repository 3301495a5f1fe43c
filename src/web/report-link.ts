import type { ViewContext } from './context.ts';
import { html } from './html.ts';
import { localePath } from './i18n/index.ts';

/** The link under every article and topic to tell the editors something on the page is wrong. */
export function reportLink(ctx: ViewContext, pagePath: string): string {
  return html`<p class="report-link"><a href="${localePath(ctx.lang, '/report-a-problem')}?page=${pagePath}" rel="nofollow">${ctx.t('report.link')}</a></p>`;
}
