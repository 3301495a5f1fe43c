import type { ViewContext } from './context.ts';
import { html } from './html.ts';
import { isWebLink, pick } from './clinic.ts';
import { phoneText, telHref, whatsappHref } from './phone.ts';

/** A number as a one-tap link; a stored number that cannot be dialled (kept from before numbers were checked) is shown as text. */
function channel(href: string, text: string, external = false): string {
  if (!href) return html`<span dir="ltr">${text}</span>`;
  return html`<a href="${href}"!${external ? ' rel="noopener"' : ''} dir="ltr">${text}</a>`;
}

/** Phone, WhatsApp and email as one-tap links, then each location; shared by /consultation and /contact. */
export function contactDetails(ctx: ViewContext): string {
  const c = ctx.clinic;
  return html`<ul class="contact-channels">
<li><span class="label">${ctx.t('consult.phone')}</span> !${channel(telHref(c.phone), phoneText(c.phone))}</li>
<li><span class="label">${ctx.t('consult.whatsapp')}</span> !${channel(whatsappHref(c.whatsapp), phoneText(c.whatsapp), true)}</li>
<li><span class="label">${ctx.t('consult.email')}</span> <a href="mailto:${c.email}" dir="ltr">${c.email}</a></li>
</ul>
!${c.locations.length
    ? html`<h2>${ctx.t('consult.locations')}</h2><ul class="locations">!${c.locations
        .map(
          (l) => html`<li><h3>${pick(l.name, ctx.lang)}</h3><p>${pick(l.address, ctx.lang)}</p>
<p><span class="label">${ctx.t('consult.hours')}:</span> ${pick(l.hours, ctx.lang)}</p>
!${l.map_url && isWebLink(l.map_url) ? html`<p><a href="${l.map_url}" rel="noopener">${ctx.t('consult.map', { name: pick(l.name, ctx.lang) })}</a></p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : ''}`;
}
