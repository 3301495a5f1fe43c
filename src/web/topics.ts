import type { Evidence, TopicKind } from '#src/db/types.ts';

/** Topic paths: conditions and treatments each have their own section. */
export function topicPath(kind: TopicKind, slug: string): string {
  return `/${kind === 'condition' ? 'conditions' : 'treatments'}/${slug}`;
}

/** A treatment still in trials, or unproven, is flagged wherever it is shown. */
export function isExperimental(evidence: Evidence | null): boolean {
  return evidence === 'trials' || evidence === 'unproven';
}
