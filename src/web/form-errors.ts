import type { z } from 'zod';
import type { FieldError } from './forms.ts';
import { isMessageKey, type MessageKey, type Translate } from './i18n/index.ts';

/**
 * One way from a zod schema's issues to the errors shown beside a form's fields, in the reader's
 * language. A schema names the catalog key of its message (`z.string().min(1, 'field.required')`);
 * an issue without one gets the general message for its kind, so zod's own English never reaches
 * a page. Values in a message ({max}, {min}) come from the issue.
 */

export type IssueParams = Record<string, string | number>;

/** The catalog key for an issue: the one the schema named, or the general one for its kind. */
function issueKey(issue: z.core.$ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  if (issue.code === 'too_big') return 'field.tooLong';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'field.email';
  return 'field.required';
}

function issueParams(issue: z.core.$ZodIssue, extra: IssueParams): IssueParams {
  const params: IssueParams = { ...extra };
  if ('maximum' in issue) params.max = Number(issue.maximum);
  if ('minimum' in issue) params.min = Number(issue.minimum);
  // A refinement that knows more than zod does (a number's limits) passes its values as params.
  if (issue.code === 'custom') for (const [k, v] of Object.entries(issue.params ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return params;
}

export interface FieldErrorOptions {
  t: Translate;
  /** The id of the input an issue's path points at; `f-<first path part>` unless told otherwise. */
  fieldId?: (path: readonly PropertyKey[]) => string;
  /** Values for messages that name more than the issue knows, e.g. the clinic's country. */
  params?: IssueParams;
}

/** The first error for each field, in the order of the form, each beside its field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], o: FieldErrorOptions): FieldError[] {
  const fieldId = o.fieldId ?? ((path) => `f-${String(path[0] ?? '')}`);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldId(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: o.t(issueKey(issue), issueParams(issue, o.params ?? {})) });
  }
  return errors;
}
