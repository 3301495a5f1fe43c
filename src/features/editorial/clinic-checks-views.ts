import { adminLayout, type AdminViewContext } from '#src/web/admin-layout.ts';
import { errorSummary, hiddenCsrf, notice, textArea, type FieldError } from '#src/web/forms.ts';
import { html } from '#src/web/html.ts';
import { localePath } from '#src/web/i18n/index.ts';

/** /admin/articles/checks: the clinic's own words to avoid and its glossary, one per line. */
export function clinicChecksView(ctx: AdminViewContext, form: { rules: string; glossary: string }, errors: FieldError[], saved: boolean): string {
  const action = localePath(ctx.lang, '/admin/articles/checks');
  const main = html`<p><a href="${localePath(ctx.lang, '/admin/articles')}">${ctx.t('editorial.title')}</a></p>
<h1>${ctx.t('clinicChecks.title')}</h1>
<p>${ctx.t('clinicChecks.lead')}</p>
!${saved ? notice(ctx.t('admin.saved')) : ''}
!${errorSummary(ctx.t('admin.errors.title'), errors)}
<form method="post" action="${action}" novalidate>
!${hiddenCsrf(ctx.csrf)}
!${textArea({ name: 'rules', label: ctx.t('clinicChecks.rules'), hint: ctx.t('clinicChecks.rules.hint'), value: form.rules, errors, rows: 8, dir: 'auto' })}
!${textArea({ name: 'glossary', label: ctx.t('clinicChecks.glossary'), hint: ctx.t('clinicChecks.glossary.hint'), value: form.glossary, errors, rows: 8, dir: 'auto' })}
<div class="actions"><button type="submit">${ctx.t('admin.save')}</button></div>
</form>`;
  return adminLayout(ctx, ctx.t('clinicChecks.title'), localePath(ctx.lang, '/admin/articles'), main);
}
