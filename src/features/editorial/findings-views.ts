import type { AdminViewContext } from '#src/web/admin-layout.ts';
import { html } from '#src/web/html.ts';
import type { EditorFinding } from './service.ts';

function finding(ctx: AdminViewContext, f: EditorFinding): string {
  const where = f.bodyLine === null ? ctx.t('editorial.finding.otherField') : ctx.t('editorial.finding.line', { n: f.bodyLine });
  return html`<li class="finding finding-${f.severity}" data-line="${f.bodyLine ?? ''}">
<p><strong>${ctx.t(`editorial.severity.${f.severity}`)}</strong> · <code>${f.rule}</code> · ${where}</p>
!${f.words ? html`<p class="finding-words" dir="auto">“${f.words}”</p>` : ''}
<p>${f.message}</p>
!${f.suggestion ? html`<p class="finding-suggestion">${ctx.t('editorial.finding.suggestion')} ${f.suggestion}</p>` : ''}
</li>`;
}

/** The checks' findings, errors first; refreshed by the editor's script as the text changes. */
export function findingsList(ctx: AdminViewContext, findings: EditorFinding[]): string {
  const count = (s: EditorFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const jump = ctx.t('editorial.findings.jump', { errors: count('error'), warnings: count('warning') });
  if (findings.length === 0) return html`<p class="hint" data-jump="${jump}">${ctx.t('editorial.findings.none')}</p>`;
  return html`<p data-jump="${jump}">${ctx.t('editorial.findings.count', { errors: count('error'), warnings: count('warning'), infos: count('info') })}</p>
<ol class="findings">!${findings.map((f) => finding(ctx, f)).join('')}</ol>`;
}

export function findingsPanel(ctx: AdminViewContext, findings: EditorFinding[]): string {
  return html`<section class="findings-panel" aria-labelledby="cs-findings"><h2 id="cs-findings">${ctx.t('editorial.findings')}</h2>
<div id="findings-output" aria-live="polite">!${findingsList(ctx, findings)}</div></section>`;
}
