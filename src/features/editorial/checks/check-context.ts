/** What every family of checks needs to know about the document, worked out once. */
import type { Block, ParsedDocument } from './parse-document.ts';
import { CITATION } from './sentences.ts';
import { topicMatcher } from './topics.ts';
import type { CheckInput, DocumentKind, Finding, Lang, Severity } from './types.ts';

export interface CheckContext {
  doc: ParsedDocument;
  lang: Lang;
  kind: DocumentKind;
  /** The document's topic slugs: the caller's and the front matter's. */
  topics: string[];
  investigational: Set<string>;
  offered: Set<string>;
  /** A test for "this text names the topic". */
  names: (slug: string) => (text: string) => boolean;
  /**
   * Whether `[n]` can point at a reference. Without front matter (a body on its own) any n is taken
   * on trust; a page or topic without a `references:` field shows "[n]" as plain text, citing nothing.
   */
  validMarker: (n: number) => boolean;
  /** Whether `[n]` in the text are meant as citations, so that one pointing nowhere is an error. */
  citesReferences: boolean;
  /** Whether the block's paragraph (or the line introducing its list) cites a reference. */
  isCited: (block: Block) => boolean;
}

function markers(text: string): number[] {
  return [...text.matchAll(CITATION)].map((m) => Number(m[1]));
}

export function buildContext(input: CheckInput, doc: ParsedDocument): CheckContext {
  const kind = input.kind ?? 'article';
  const citesReferences = !doc.hasFrontMatter || kind === 'article' || 'references' in doc.data;
  const validMarker = (n: number): boolean => citesReferences && n >= 1 && (!doc.hasFrontMatter || n <= doc.references.length);
  const citedScopes = new Set(doc.blocks.filter((b) => markers(b.text).some(validMarker)).map((b) => b.scope));
  const matchers = new Map<string, (text: string) => boolean>();
  return {
    doc,
    lang: doc.lang ?? input.lang,
    kind,
    citesReferences,
    topics: [...new Set([...(input.topics ?? []), ...doc.topics])],
    investigational: new Set(input.investigationalTopics),
    offered: new Set(input.offeredTreatments),
    names: (slug) => {
      let m = matchers.get(slug);
      if (!m) matchers.set(slug, (m = topicMatcher(slug, input.topicNames?.[slug])));
      return m;
    },
    validMarker,
    isCited: (block) => citedScopes.has(block.scope) || (block.intro !== undefined && citedScopes.has(block.intro.scope)),
  };
}

/** A finding at an offset of the whole text. */
export function findingAt(
  ctx: CheckContext,
  offset: number,
  fields: { rule: string; severity: Severity; message: string; suggestion: string; words?: string },
): Finding {
  const { line, column } = ctx.doc.position(offset);
  return { ...fields, line, column };
}
