/**
 * The shapes the editorial checks share. The checks are pure: text in, findings out, no database
 * and no I/O, so the same code runs beside the editor, at review and on the command line.
 */
import type { Lang } from '#src/db/types.ts';
import type { ClinicRule } from './clinic-rules.ts';

export type { Lang };
export type Severity = 'error' | 'warning' | 'info';
export type DocumentKind = 'article' | 'topic' | 'page';

export interface Finding {
  /** `family/name`, e.g. `claims/cure`; stable, so a reviewer can look it up and tools can filter. */
  rule: string;
  severity: Severity;
  message: string;
  suggestion: string;
  /** 1-based line in the text given, front matter counted. */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count them). */
  column: number;
  /** The words the finding is about, as written. */
  words?: string;
}

/** A medical word patients may not know, and what to say instead or beside it. */
export interface GlossaryEntry {
  term: string;
  /** Plain words a patient knows, suggested as the explanation. */
  plain: string;
  /** Other spellings and plurals that count as the same term. */
  forms?: string[];
  /** Absent: English. */
  lang?: Lang;
}

export interface CheckInput {
  /** The whole Markdown file, with or without YAML front matter. */
  text: string;
  /** The language of the text; front matter `lang` wins when present. */
  lang: Lang;
  kind?: DocumentKind;
  /** Topic slugs the document is tagged with; front matter topics/conditions/treatments are added. */
  topics?: string[];
  /** Topic slugs whose evidence is trials or unproven: approval claims about them are errors. */
  investigationalTopics?: string[];
  /** Treatment slugs the clinic itself offers: a page about an investigational one must carry the standard notice. */
  offeredTreatments?: string[];
  /** Names patients read for a topic slug (title, also-known-as, in both languages); without them the slug's own words are used. */
  topicNames?: Record<string, string[]>;
  clinicRules?: ClinicRule[];
  glossary?: GlossaryEntry[];
  /** Site paths that exist (`/articles/als-overview`); without it internal links are only checked for shape. */
  knownPaths?: Set<string>;
}
