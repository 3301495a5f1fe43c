import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';
import type { Report } from './report.ts';

/**
 * The report drawn as SVG on the server: no script, no third party, readable when printed. Each
 * chart is an image with a title and a description, and its figures are in a table beside it, so
 * nothing is told by the picture alone.
 */

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

interface Series {
  values: (number | null)[];
  className: string;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

/** Bars per week, one colour per series, with an optional dashed line (the target). */
function barChart(o: { id: string; title: string; desc: string; labels: string[]; series: Series[]; line?: { value: number; label: string } }): string {
  const all = o.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = niceMax(Math.max(...all, o.line?.value ?? 0));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / o.labels.length;
  const barW = (slot * 0.7) / o.series.length;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const bars = o.series.flatMap((s, si) =>
    s.values.map((v, i) => (v === null ? '' : html`<rect class="${s.className}" x="${(PAD.left + i * slot + slot * 0.15 + si * barW).toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}"></rect>`)),
  );
  const labels = o.labels.map((l, i) => (i % 2 === 0 ? html`<text x="${(PAD.left + i * slot + slot / 2).toFixed(1)}" y="${H - 14}" text-anchor="middle">${l.slice(5)}</text>` : ''));
  const ticks = [0, max / 2, max].map((v) => html`<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Number.isInteger(v) ? v : v.toFixed(1)}</text><line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"></line>`);
  const line = o.line ? html`<line class="target" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(o.line.value).toFixed(1)}" y2="${y(o.line.value).toFixed(1)}"></line><text x="${W - PAD.right}" y="${(y(o.line.value) - 4).toFixed(1)}" text-anchor="end">${o.line.label}</text>` : '';
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t" aria-describedby="${o.id}-d"><title id="${o.id}-t">${o.title}</title><desc id="${o.id}-d">${o.desc}</desc>!${ticks.join('')}!${bars.join('')}!${line}!${labels.join('')}</svg>`;
}

const hours = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(1) : String(Math.round(v)));

export function reportView(ctx: AdminViewContext, r: Report): string {
  const labels = r.weeks.map((w) => w.week);
  const total = r.noShow.attended + r.noShow.missed;
  const rate = total ? Math.round((r.noShow.missed / total) * 100) : null;
  const maxSource = Math.max(1, ...r.sources.map((s) => s.requests));
  const main = html`<p><a href="${localePath(ctx.lang, '/admin/consultations')}">${ctx.t('inbox.back')}</a></p>
<h1>${ctx.t('report.title')}</h1>
<p>${ctx.t('report.period', { from: labels[0] ?? '', weeks: r.weeks.length })}</p>
<section aria-labelledby="r-requests"><h2 id="r-requests">${ctx.t('report.requests')}</h2>
!${barChart({ id: 'chart-requests', title: ctx.t('report.requests'), desc: ctx.t('report.requests.desc'), labels, series: [{ values: r.weeks.map((w) => w.requests), className: 'bar-a' }] })}
</section>
<section aria-labelledby="r-response"><h2 id="r-response">${ctx.t('report.response')}</h2>
<p class="legend"><span class="key bar-a"></span> ${ctx.t('report.median')} <span class="key bar-b"></span> ${ctx.t('report.p90')} <span class="key target"></span> ${ctx.t('report.target', { hours: r.targetHours })}</p>
!${barChart({ id: 'chart-response', title: ctx.t('report.response'), desc: ctx.t('report.response.desc', { hours: r.targetHours }), labels, series: [{ values: r.weeks.map((w) => w.medianHours), className: 'bar-a' }, { values: r.weeks.map((w) => w.p90Hours), className: 'bar-b' }], line: { value: r.targetHours, label: ctx.t('report.target', { hours: r.targetHours }) } })}
</section>
<details><summary>${ctx.t('report.figures')}</summary>
<div class="table-wrap" tabindex="0"><table class="data"><thead><tr><th scope="col">${ctx.t('report.week')}</th><th scope="col">${ctx.t('report.requests')}</th><th scope="col">${ctx.t('report.median')}</th><th scope="col">${ctx.t('report.p90')}</th></tr></thead>
<tbody>!${r.weeks.map((w) => html`<tr><td>${w.week}</td><td>${w.requests}</td><td>${hours(w.medianHours)}</td><td>${hours(w.p90Hours)}</td></tr>`).join('')}</tbody></table></div></details>
<section aria-labelledby="r-noshow"><h2 id="r-noshow">${ctx.t('report.noShow')}</h2>
<p>${rate === null ? ctx.t('report.noShow.none') : ctx.t('report.noShow.rate', { rate, missed: r.noShow.missed, total })}</p></section>
<section aria-labelledby="r-sources"><h2 id="r-sources">${ctx.t('report.sources')}</h2>
!${r.sources.length
    ? html`<ul class="sources">!${r.sources.map((s) => html`<li><meter min="0" max="${maxSource}" value="${s.requests}">${s.requests}</meter> <span dir="ltr">${s.path}</span> <strong>${s.requests}</strong></li>`).join('')}</ul>`
    : html`<p>${ctx.t('inbox.none')}</p>`}
</section>`;
  return adminLayout(ctx, ctx.t('report.title'), localePath(ctx.lang, '/admin/consultations'), main);
}
