export { html } from 'ghtml';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/** JSON inside <script type="application/ld+json">: `<` is escaped so the text cannot close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Escapes a translated sentence and puts ready-made HTML (a link, a <time>) into its {slots}. */
export function rich(text: string, slots: Record<string, string>): string {
  return text
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in slots ? (slots[name] ?? '') : escapeHtml(part);
    })
    .join('');
}
