import { onFirstUse } from '#src/platform/first-use.ts';
import type { ArticleFields } from './rules.ts';

// Loaded with the first comparison of revisions: a process serving readers never needs it.
const jsdiff = onFirstUse(() => import('diff'));

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface FieldChange {
  field: keyof ArticleFields;
  parts: DiffPart[];
}

function asText(value: ArticleFields[keyof ArticleFields]): string {
  if (Array.isArray(value)) return value.join('\n');
  return typeof value === 'boolean' ? (value ? '✓' : '—') : value;
}

/** A word-level diff for text, an item-level one for lists: what an editor reads as "what changed". */
async function partsOf(before: ArticleFields[keyof ArticleFields], after: ArticleFields[keyof ArticleFields]): Promise<DiffPart[]> {
  const { diffArrays, diffWordsWithSpace } = await jsdiff();
  if (Array.isArray(before) && Array.isArray(after)) {
    return diffArrays(before, after).map((c) => ({ value: `${c.value.join('\n')}\n`, added: c.added, removed: c.removed }));
  }
  return diffWordsWithSpace(asText(before), asText(after)).map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
}

/** The fields that differ between two revisions, each as a readable diff; unchanged fields are left out. */
export async function compareFields(before: ArticleFields, after: ArticleFields): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof ArticleFields)[]) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes.push({ field, parts: await partsOf(before[field], after[field]) });
  }
  return changes;
}
