import type { Kysely, Transaction } from 'kysely';
import type { ArticleRevision, ArticleWorkflow, Database, Lang, RevisionOrigin, WorkflowStatus } from '#src/db/types.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findWorkflow(db: Q, slug: string, lang: Lang): Promise<ArticleWorkflow | undefined> {
  return db.selectFrom('article_workflow').selectAll().where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
}

export function findRevision(db: Q, id: number): Promise<ArticleRevision | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRevisionByNumber(db: Q, slug: string, lang: Lang, number: number): Promise<ArticleRevision | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('slug', '=', slug).where('lang', '=', lang).where('number', '=', number).executeTakeFirst();
}

export interface RevisionListItem {
  id: number;
  number: number;
  origin: RevisionOrigin;
  created_at: string;
  created_by_name: string | null;
  approval_reason: string | null;
}

export function listRevisions(db: Q, slug: string, lang: Lang): Promise<RevisionListItem[]> {
  return db
    .selectFrom('article_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.number', 'r.origin', 'r.created_at', 'u.name as created_by_name', 'r.approval_reason'])
    .where('r.slug', '=', slug)
    .where('r.lang', '=', lang)
    .orderBy('r.number', 'desc')
    .execute();
}

export function newestRevision(db: Q, slug: string, lang: Lang): Promise<ArticleRevision | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('slug', '=', slug).where('lang', '=', lang).orderBy('number', 'desc').executeTakeFirst();
}

export async function insertRevision(db: Q, row: { slug: string; lang: Lang; fields_json: string; origin: RevisionOrigin; created_by: number | null; created_at: string }): Promise<ArticleRevision> {
  const last = await db.selectFrom('article_revisions').select((eb) => eb.fn.max('number').as('n')).where('slug', '=', row.slug).where('lang', '=', row.lang).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  return db.insertInto('article_revisions').values({ ...row, number, approval_reason: null }).returningAll().executeTakeFirstOrThrow();
}

/** An autosave replaces the previous autosave of the same person instead of piling up revisions. */
export async function replaceAutosave(db: Q, id: number, fieldsJson: string, at: string): Promise<void> {
  await db.updateTable('article_revisions').set({ fields_json: fieldsJson, created_at: at }).where('id', '=', id).execute();
}

export async function setApprovalReason(db: Q, revisionId: number, reason: string): Promise<void> {
  await db.updateTable('article_revisions').set({ approval_reason: reason }).where('id', '=', revisionId).execute();
}

export async function insertWorkflow(db: Q, row: ArticleWorkflow): Promise<boolean> {
  const done = await db.insertInto('article_workflow').values(row).onConflict((oc) => oc.columns(['slug', 'lang']).doNothing()).executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function replaceWorkflow(db: Q, row: ArticleWorkflow): Promise<void> {
  const { slug, lang, ...set } = row;
  await db.updateTable('article_workflow').set(set).where('slug', '=', slug).where('lang', '=', lang).execute();
}

/**
 * Moves a workflow on only if it is still in the state the caller read: two reviewers pressing
 * "approve" at once, or an edit racing an approval, cannot both win.
 */
export async function updateWorkflowFrom(db: Q, slug: string, lang: Lang, expected: { status: WorkflowStatus; head: number }, set: Partial<ArticleWorkflow>): Promise<boolean> {
  const done = await db
    .updateTable('article_workflow')
    .set(set)
    .where('slug', '=', slug)
    .where('lang', '=', lang)
    .where('status', '=', expected.status)
    .where('head_revision_id', '=', expected.head)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export interface WorkflowListItem {
  slug: string;
  lang: Lang;
  status: WorkflowStatus;
  title: string;
  /** The author chosen in the newest revision (the published one may name someone else). */
  author_slug: string;
  author_name: string | null;
  reviewer_name: string | null;
  reviewed_at: string | null;
  next_review_at: string | null;
  updated_at: string;
  online: boolean;
  /** A translation whose source (the English article) was published again after the translation was approved. */
  sourceNewer: boolean;
}

export interface ListFilter {
  status?: WorkflowStatus;
  lang?: Lang;
  q?: string;
  overdueOn?: string;
}

export async function listWorkflow(db: Q, f: ListFilter): Promise<WorkflowListItem[]> {
  let query = db
    .selectFrom('article_workflow as w')
    .innerJoin('article_revisions as r', 'r.id', 'w.head_revision_id')
    .leftJoin('articles as a', (j) => j.onRef('a.slug', '=', 'w.slug').onRef('a.lang', '=', 'w.lang').on('a.status', '=', 'published'))
    .leftJoin('people as pa', 'pa.id', 'a.author_id')
    .leftJoin('people as pr', 'pr.id', 'a.reviewer_id')
    .leftJoin('articles as src', (j) => j.onRef('src.slug', '=', 'w.slug').on('src.lang', '=', 'en').on('src.status', '=', 'published'))
    .select(['w.slug', 'w.lang', 'w.status', 'r.fields_json', 'pa.name as author_name', 'pr.name as reviewer_name', 'a.reviewed_at', 'w.next_review_at', 'w.updated_at', 'a.id as article_id', 'w.approved_at', 'src.updated_at as source_updated_at'])
    .orderBy('w.updated_at', 'desc');
  if (f.status) query = query.where('w.status', '=', f.status);
  if (f.lang) query = query.where('w.lang', '=', f.lang);
  if (f.overdueOn) query = query.where('w.next_review_at', '<', f.overdueOn);
  const rows = await query.limit(1000).execute();
  return rows.map((r) => ({
    slug: r.slug,
    lang: r.lang,
    status: r.status,
    ...headFields(r.fields_json),
    author_name: r.author_name,
    reviewer_name: r.reviewer_name,
    reviewed_at: r.reviewed_at,
    next_review_at: r.next_review_at,
    updated_at: r.updated_at,
    online: r.article_id !== null,
    sourceNewer: r.lang !== 'en' && r.source_updated_at !== null && r.approved_at !== null && r.source_updated_at.slice(0, 10) > r.approved_at.slice(0, 10),
  }));
}

function headFields(fieldsJson: string): { title: string; author_slug: string } {
  const fields = JSON.parse(fieldsJson) as { title?: unknown; author?: unknown };
  return { title: typeof fields.title === 'string' ? fields.title : '', author_slug: typeof fields.author === 'string' ? fields.author : '' };
}

export async function countByStatus(db: Q, status: WorkflowStatus): Promise<number> {
  const row = await db.selectFrom('article_workflow').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function dueScheduled(db: Q, now: string): Promise<ArticleWorkflow[]> {
  return db.selectFrom('article_workflow').selectAll().where('status', '=', 'scheduled').where('publish_at', '<=', now).execute();
}

/** Published articles that have no workflow row yet (loaded before the editor existed). */
export function articlesWithoutWorkflow(db: Q): Promise<{ id: number; slug: string; lang: Lang }[]> {
  return db
    .selectFrom('articles as a')
    .leftJoin('article_workflow as w', (j) => j.onRef('w.slug', '=', 'a.slug').onRef('w.lang', '=', 'a.lang'))
    .select(['a.id', 'a.slug', 'a.lang'])
    .where('w.slug', 'is', null)
    .execute();
}

export function personIdOfUser(db: Q, userId: number): Promise<{ person_id: number | null } | undefined> {
  return db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
}

/** Emails of active medical reviewers, to tell them something waits in their queue. */
export async function reviewerEmails(db: Q): Promise<{ email: string; lang: Lang }[]> {
  const rows = await db.selectFrom('users').select(['email', 'lang', 'roles']).where('status', '=', 'active').execute();
  return rows.filter((r) => r.roles.split(',').includes('reviewer')).map((r) => ({ email: r.email, lang: r.lang }));
}

const CLINIC_CHECKS_KEY = 'editorial.checks';

export async function readClinicChecks(db: Q): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CLINIC_CHECKS_KEY).executeTakeFirst();
  return row?.value;
}

export async function writeClinicChecks(db: Q, value: string, at: string): Promise<void> {
  await db.insertInto('settings').values({ key: CLINIC_CHECKS_KEY, value, updated_at: at }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at })).execute();
}
