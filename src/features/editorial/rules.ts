/** Pure rules of the editorial workflow, unit-tested without a database. */
import { z } from 'zod';
import type { WorkflowStatus } from '#src/db/types.ts';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** An article as the editor holds it: every field a revision keeps. Empty text means "none". */
export interface ArticleFields {
  title: string;
  summary: string;
  body: string;
  author: string;
  translator: string;
  conditions: string[];
  treatments: string[];
  testimonial: string;
  video: string;
  /** One reference per entry, as the clinician wrote it (PubMed ID, DOI, NCT number or URL with a label). */
  references: string[];
  conflictOfInterest: string;
  featured: boolean;
}

export const emptyFields: ArticleFields = {
  title: '',
  summary: '',
  body: '',
  author: '',
  translator: '',
  conditions: [],
  treatments: [],
  testimonial: '',
  video: '',
  references: [],
  conflictOfInterest: '',
  featured: false,
};

const slugOrEmpty = z.string().max(100).regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'field.slug');
const slugList = z.array(z.string().max(100).regex(slugPattern, 'field.slug')).max(50);

/**
 * What a save accepts: limits only, so a half-written draft can always be kept. What an article
 * needs before review is `readyForReview`'s business.
 */
export const fieldsSchema = z.object({
  title: z.string().max(200, 'field.tooLong'),
  summary: z.string().max(400, 'field.tooLong'),
  body: z.string().max(200_000, 'field.tooLong'),
  author: slugOrEmpty,
  translator: slugOrEmpty,
  conditions: slugList,
  treatments: slugList,
  testimonial: z.string().max(100),
  video: z.union([z.literal(''), z.url('field.url').max(500)]),
  references: z.array(z.string().max(1000, 'field.tooLong')).max(200),
  conflictOfInterest: z.string().max(2000, 'field.tooLong'),
  featured: z.boolean(),
});

export const newArticleSchema = z.object({
  slug: z.string().min(1, 'field.required').max(100, 'field.tooLong').regex(slugPattern, 'field.slug'),
  lang: z.enum(['en', 'ur']),
});

/** A field an article cannot go to review without, by its form name. */
export type MissingField = 'title' | 'summary' | 'body' | 'author';

export function missingForReview(f: ArticleFields): MissingField[] {
  const missing: MissingField[] = [];
  if (!f.title.trim()) missing.push('title');
  if (!f.summary.trim()) missing.push('summary');
  if (!f.body.trim()) missing.push('body');
  if (!f.author) missing.push('author');
  return missing;
}

/** A stored revision's JSON read back, tolerant of fields added after it was written. */
export function parseFields(json: string): ArticleFields {
  const parsed = fieldsSchema.partial().safeParse(JSON.parse(json));
  return { ...emptyFields, ...(parsed.success ? parsed.data : {}) };
}

export type WorkflowEvent = 'edit' | 'submit' | 'approve' | 'request-changes' | 'publish' | 'schedule' | 'unschedule';

/**
 * Which step may follow which. An edit after approval sends the article back to draft; readers keep
 * the published version until a new one is approved and published.
 */
const transitions: Record<WorkflowEvent, Partial<Record<WorkflowStatus, WorkflowStatus>>> = {
  edit: { draft: 'draft', in_review: 'draft', approved: 'draft', scheduled: 'draft', published: 'draft' },
  submit: { draft: 'in_review' },
  approve: { in_review: 'approved' },
  'request-changes': { in_review: 'draft' },
  publish: { approved: 'published', scheduled: 'published' },
  schedule: { approved: 'scheduled' },
  unschedule: { scheduled: 'approved' },
};

export function nextStatus(status: WorkflowStatus, event: WorkflowEvent): WorkflowStatus | null {
  return transitions[event][status] ?? null;
}

/** The date a review falls due: `months` after the day of approval, on the same day of the month where it exists. */
export function reviewDueDate(approvedOn: string, months: number): string {
  const d = new Date(`${approvedOn.slice(0, 10)}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

/** Edits made in the dashboard that an import must not overwrite without being told to. */
export function isDashboardEdit(origin: string): boolean {
  return origin === 'edit' || origin === 'autosave' || origin === 'restore';
}
