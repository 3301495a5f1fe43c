/**
 * The clinic's own additions to the checks, typed by staff as plain lines rather than as rules:
 * words its reviewers never want to see, and medical words with the plain explanation patients need.
 */
import type { ClinicRule } from './checks/clinic-rules.ts';
import type { GlossaryEntry } from './checks/types.ts';

export interface ClinicChecks {
  rules: ClinicRule[];
  glossary: GlossaryEntry[];
}

export const noClinicChecks: ClinicChecks = { rules: [], glossary: [] };

/** A line that could not be read, by its number (1-based) in the box it was typed in. */
export interface LineError {
  field: 'rules' | 'glossary';
  line: number;
}

const MESSAGE = 'is on the list of words the clinic’s medical reviewers asked editors not to use.';

function ruleId(phrase: string, taken: Set<string>): string {
  const base = `claims/clinic-${phrase.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'words'}`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** `miracle, wonder cure => say what the treatment can do, with a source` → one rule per line. */
export function readRules(text: string): { rules: ClinicRule[]; errors: LineError[] } {
  const rules: ClinicRule[] = [];
  const errors: LineError[] = [];
  const taken = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [left = '', suggestion = ''] = line.split('=>').map((part) => part.trim());
    const phrases = left.split(',').map((p) => p.trim()).filter(Boolean);
    if (phrases.length === 0 || !suggestion || line.split('=>').length !== 2) {
      errors.push({ field: 'rules', line: i + 1 });
      return;
    }
    rules.push({ id: ruleId(phrases[0] ?? 'words', taken), phrases, severity: 'warning', message: MESSAGE, suggestion });
  });
  return { rules, errors };
}

/** `ALS = a disease of the nerves that control the muscles` → one glossary entry per line. */
export function readGlossary(text: string): { glossary: GlossaryEntry[]; errors: LineError[] } {
  const glossary: GlossaryEntry[] = [];
  const errors: LineError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = line.indexOf('=');
    const term = line.slice(0, at).trim();
    const plain = line.slice(at + 1).trim();
    if (at < 0 || !term || !plain) errors.push({ field: 'glossary', line: i + 1 });
    else glossary.push({ term, plain, ...(/[\u0600-\u06FF]/.test(term) ? { lang: 'ur' as const } : {}) });
  });
  return { glossary, errors };
}

export function rulesText(rules: ClinicRule[]): string {
  return rules.map((r) => `${r.phrases.join(', ')} => ${r.suggestion}`).join('\n');
}

export function glossaryText(glossary: GlossaryEntry[]): string {
  return glossary.map((g) => `${g.term} = ${g.plain}`).join('\n');
}
