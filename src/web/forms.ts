import { html } from './html.ts';

export interface FieldError {
  /** id of the input the error belongs to */
  field: string;
  message: string;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'tel' | 'url';
  value?: string;
  errors?: FieldError[];
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  min?: number;
  max?: number;
  dir?: 'ltr' | 'rtl' | 'auto';
}

/** One labelled input with its hint and its error beside it, linked by aria-describedby. */
export function field(o: FieldOptions): string {
  const id = `f-${o.name}`;
  const error = o.errors?.find((e) => e.field === id);
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field!${error ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
!${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
!${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"!${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}!${o.required ? ' required' : ''}!${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}!${o.min !== undefined ? html` min="${o.min}"` : ''}!${o.max !== undefined ? html` max="${o.max}"` : ''}!${o.dir ? html` dir="${o.dir}"` : ''}!${describedBy ? html` aria-describedby="${describedBy}"` : ''}!${error ? ' aria-invalid="true"' : ''}>
</div>`;
}

/** A labelled multi-line input with its hint and its error beside it, as `field` does for one line. */
export function textArea(o: { name: string; label: string; hint: string; value: string; errors: FieldError[]; rows: number; maxlength?: number; dir?: 'ltr' | 'rtl' | 'auto' }): string {
  const id = `f-${o.name}`;
  const error = o.errors.find((e) => e.field === id);
  return html`<div class="field!${error ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
<p class="hint" id="${id}-hint">${o.hint}</p>
!${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}
<textarea id="${id}" name="${o.name}" rows="${o.rows}"!${o.maxlength ? html` maxlength="${o.maxlength}"` : ''} dir="${o.dir ?? 'auto'}" aria-describedby="${id}-hint!${error ? html` ${id}-error` : ''}"!${error ? ' aria-invalid="true"' : ''}>${o.value}</textarea>
</div>`;
}

/** The list of problems at the top of a form, each a link to its field; focused by the script. */
export function errorSummary(title: string, errors: FieldError[]): string {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1">
<h2>${title}</h2>
<ul>!${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`).join('')}</ul>
</div>`;
}

export function notice(text: string, kind: 'ok' | 'warning' = 'ok'): string {
  return html`<p class="banner banner-${kind}" role="status">${text}</p>`;
}

export function hiddenCsrf(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A posted field as text (empty when missing or not text), cut to a length; never trimmed, so passwords stay as typed. */
export function formText(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

// Control characters and the invisible direction overrides that make a name display in another order than it is stored.
// Zero-width non-joiner and joiner (U+200C, U+200D) are kept: Urdu spelling uses them.
const HIDDEN = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

/** A one-line value a person typed (a name, a phone): hidden characters removed, runs of spaces and line breaks made one space. */
export function formLine(value: unknown, max: number): string {
  return formText(value, max).replace(HIDDEN, ' ').replace(/\s+/g, ' ').trim();
}

// Only the direction controls: zero-width joiners stay, since Urdu text uses them.
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Free text a reader typed (a search) without the invisible characters that reorder what is shown. */
export function withoutDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}

/** A posted field that may repeat (checkboxes) as a list of strings. */
export function formList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string');
  return typeof value === 'string' ? [value] : [];
}
