import type { Lang } from '#src/db/types.ts';
import { onFirstUse } from '#src/platform/first-use.ts';
import type { ClinicRule } from './checks/clinic-rules.ts';
import type { Finding, GlossaryEntry } from './checks/types.ts';
import type { ArticleFields } from './rules.ts';

/** A finding placed for the editor: on a line of the body, or on one of the other fields. */
export interface EditorFinding extends Finding {
  /** 1-based line in the body text area; null when the finding is about another field (title, summary, references). */
  bodyLine: number | null;
}

/** What the checks need to know about the site besides the article itself. */
export interface CheckContext {
  investigationalTopics: string[];
  topicNames: Record<string, string[]>;
  clinicRules: ClinicRule[];
  glossary: GlossaryEntry[];
}

// The checks and their language tools are loaded by the first editor who needs them, not by every process serving readers.
const checks = onFirstUse(() => import('./checks/index.ts'));
const yaml = onFirstUse(() => import('yaml'));

/**
 * The editor's fields as the Markdown file the checks read (front matter, then the body), so the
 * editor, the review and `caresite check` judge an article by the same rules.
 */
async function asDocument(fields: ArticleFields, lang: Lang): Promise<{ text: string; bodyStart: number }> {
  const front = (await yaml()).stringify({
    title: fields.title,
    summary: fields.summary,
    lang,
    conditions: fields.conditions,
    treatments: fields.treatments,
    references: fields.references.filter((r) => r.trim() !== ''),
  }).trimEnd();
  const head = `---\n${front}\n---\n`;
  return { text: head + fields.body, bodyStart: head.split('\n').length };
}

// The checks speak of files (`caresite check`); in the dashboard the same things are form fields.
const fileWords: [RegExp, string][] = [
  [/`summary:` (?:to|in) the front matter/g, 'a summary in the Summary field'],
  [/`references:` (?:to|in) the front matter/g, 'references in the References field'],
  [/(?:to )?`references:` in the front matter/g, 'to the References field'],
  [/to `references:`/g, 'to the References field'],
  [/the front matter lists/g, 'the References field lists'],
];

function forTheEditor(text: string): string {
  return fileWords.reduce((out, [pattern, words]) => out.replace(pattern, words), text);
}

export async function findingsFor(lang: Lang, fields: ArticleFields, context: CheckContext): Promise<EditorFinding[]> {
  const { text, bodyStart } = await asDocument(fields, lang);
  const findings = (await checks()).checkDocument({ text, lang, kind: 'article', investigationalTopics: context.investigationalTopics, topicNames: context.topicNames, clinicRules: context.clinicRules, glossary: context.glossary });
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings
    .map((f) => ({ ...f, message: forTheEditor(f.message), suggestion: forTheEditor(f.suggestion), bodyLine: f.line >= bodyStart ? f.line - bodyStart + 1 : null }))
    .sort((a, b) => rank[a.severity] - rank[b.severity] || (a.bodyLine ?? 0) - (b.bodyLine ?? 0));
}
