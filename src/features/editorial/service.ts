import type { Kysely } from 'kysely';
import type { ArticleRevision, ArticleWorkflow, Database, Lang, User } from '#src/db/types.ts';
import { ContentError } from '#src/content/content-error.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import type { ArticleInput, ArticlesService } from '#src/features/articles/service.ts';
import type { PeopleService } from '#src/features/people/service.ts';
import type { TestimonialsService } from '#src/features/testimonials/service.ts';
import type { TopicsService } from '#src/features/topics/service.ts';
import { renderMarkdown } from '#src/content/render-markdown.ts';
import type { ImageLookup } from '#src/content/images.ts';
import type { SettingsService } from '#src/features/settings/service.ts';
import { enqueueEmail } from '#src/jobs/outbox.ts';
import { reviewWaitingEmail } from './emails.ts';
import { ProblemReports } from './reports.ts';
import { noClinicChecks, readGlossary, readRules, type ClinicChecks, type LineError } from './clinic-checks.ts';
import { clinicRuleSchema } from './checks/clinic-rules.ts';
import { z } from 'zod';
import type { ProofOfWork } from '#src/platform/proof-of-work.ts';
import { findingsFor, type CheckContext, type EditorFinding } from './findings.ts';
import * as q from './queries.ts';
import { isDashboardEdit, missingForReview, nextStatus, parseFields, reviewDueDate, type ArticleFields, type MissingField } from './rules.ts';

export { fieldsSchema, newArticleSchema, emptyFields, type ArticleFields } from './rules.ts';
export type { EditorFinding } from './findings.ts';
export type { RevisionListItem, WorkflowListItem, ListFilter } from './queries.ts';

/** Why a workflow step was refused, for the editor to show. */
export type StepRefusal =
  | { code: 'not-found' }
  | { code: 'stale' }
  | { code: 'wrong-state' }
  | { code: 'missing'; fields: MissingField[] }
  | { code: 'invalid'; message: string }
  | { code: 'no-profile' }
  | { code: 'reason-required'; errors: number };

export type StepResult = { ok: true; status: string } | { ok: false; refusal: StepRefusal };

export interface EditorState {
  slug: string;
  lang: Lang;
  workflow: ArticleWorkflow;
  head: ArticleRevision;
  fields: ArticleFields;
  /** Whether readers can see a version of this article now. */
  online: boolean;
}

export interface Approval {
  /** The head revision the reviewer read; a newer edit makes the approval stale. */
  revision: number;
  reason: string;
  nextReviewAt?: string;
  /** Publish at once, or at this UTC time, or leave for an editor to publish. */
  publish: 'now' | 'later' | { at: string };
}

function ok(status: string): StepResult {
  return { ok: true, status };
}
function refused(refusal: StepRefusal): StepResult {
  return { ok: false, refusal };
}

/** The editorial workflow: revisions, review and publication of articles. */
export class EditorialService {
  private readonly d: {
    db: Kysely<Database>;
    articles: ArticlesService;
    people: PeopleService;
    topics: TopicsService;
    testimonials: TestimonialsService;
    settings: SettingsService;
    audit: AuditService;
    proofOfWork: ProofOfWork;
    /** Uploaded images, so the preview draws them as the published page will. */
    images: ImageLookup;
    baseUrl: string;
    now: () => Date;
  };
  /** What readers report with "Report a problem with this page". */
  readonly reports: ProblemReports;

  constructor(deps: EditorialService['d']) {
    this.d = deps;
    this.reports = new ProblemReports({ db: deps.db, audit: deps.audit, proofOfWork: deps.proofOfWork, now: deps.now });
  }

  private nowIso(): string {
    return this.d.now().toISOString();
  }

  /** Published articles loaded before the editor existed get their first revision and a workflow row. */
  async adoptExisting(): Promise<void> {
    for (const a of await q.articlesWithoutWorkflow(this.d.db)) await this.adopt(a.slug, a.lang);
  }

  private async adopt(slug: string, lang: Lang): Promise<void> {
    const current = await this.d.articles.forEditing(slug, lang);
    if (!current) return;
    const { article } = current;
    const fields: ArticleFields = {
      title: article.title,
      summary: article.summary,
      body: article.body_md,
      author: current.author,
      translator: current.translator,
      conditions: current.conditions,
      treatments: current.treatments,
      testimonial: article.testimonial_id ?? '',
      video: article.video_url ?? '',
      references: JSON.parse(article.references_json) as string[],
      conflictOfInterest: article.conflict_of_interest ?? '',
      featured: article.featured === 1,
    };
    await this.d.db.transaction().execute(async (tx) => {
      if (await q.findWorkflow(tx, slug, lang)) return;
      const rev = await q.insertRevision(tx, { slug, lang, fields_json: JSON.stringify(fields), origin: 'existing', created_by: null, created_at: this.nowIso() });
      await q.insertWorkflow(tx, {
        slug, lang, status: 'published', head_revision_id: rev.id, approved_revision_id: rev.id, published_revision_id: rev.id,
        approved_by: null, approved_at: article.reviewed_at, next_review_at: article.next_review_at, publish_at: null, submitted_at: null, updated_at: this.nowIso(),
      });
    });
  }

  async list(filter: q.ListFilter): Promise<q.WorkflowListItem[]> {
    await this.adoptExisting();
    const [rows, people] = await Promise.all([q.listWorkflow(this.d.db, filter), this.d.people.all()]);
    const names = new Map(people.map((p) => [p.slug, p.name]));
    // An article not yet online has no published author: show the one its newest revision names.
    return rows.map((r) => ({ ...r, author_name: names.get(r.author_slug) ?? r.author_name }));
  }

  today(): string {
    return this.nowIso().slice(0, 10);
  }

  async counts(): Promise<{ inReview: number; drafts: number; translationsOutdated: number }> {
    await this.adoptExisting();
    const [inReview, drafts, translationsOutdated] = await Promise.all([
      q.countByStatus(this.d.db, 'in_review'),
      q.countByStatus(this.d.db, 'draft'),
      q.listWorkflow(this.d.db, { lang: 'ur' }).then((rows) => rows.filter((r) => r.sourceNewer).length),
    ]);
    return { inReview, drafts, translationsOutdated };
  }

  async state(slug: string, lang: Lang): Promise<EditorState | undefined> {
    let workflow = await q.findWorkflow(this.d.db, slug, lang);
    if (!workflow) {
      await this.adopt(slug, lang);
      workflow = await q.findWorkflow(this.d.db, slug, lang);
    }
    if (!workflow) return undefined;
    const head = await q.findRevision(this.d.db, workflow.head_revision_id);
    if (!head) return undefined;
    return { slug, lang, workflow, head, fields: parseFields(head.fields_json), online: workflow.published_revision_id !== null };
  }

  /** Starts a new article; refuses a slug that is taken in that language (by an article or a draft). */
  async create(actor: User, ip: string, slug: string, lang: Lang, fields: ArticleFields): Promise<{ ok: true } | { ok: false; code: 'slug-taken' }> {
    await this.adoptExisting();
    const created = await this.d.db.transaction().execute(async (tx) => {
      if (await q.findWorkflow(tx, slug, lang)) return false;
      const rev = await q.insertRevision(tx, { slug, lang, fields_json: JSON.stringify(fields), origin: 'edit', created_by: actor.id, created_at: this.nowIso() });
      return q.insertWorkflow(tx, { slug, lang, status: 'draft', head_revision_id: rev.id, approved_revision_id: null, published_revision_id: null, approved_by: null, approved_at: null, next_review_at: null, publish_at: null, submitted_at: null, updated_at: this.nowIso() });
    });
    if (!created) return { ok: false, code: 'slug-taken' };
    await this.d.audit.record(actorOf(actor, ip), { action: 'article.created', target: { type: 'article', id: `${lang}/${slug}` } });
    return { ok: true };
  }

  /**
   * Keeps what the editor typed as a new revision (an autosave replaces the same person's previous
   * autosave). Any change after approval sends the article back to draft; readers keep the published version.
   */
  async save(actor: User, ip: string, slug: string, lang: Lang, fields: ArticleFields, origin: 'edit' | 'autosave' | 'restore', basedOn: number): Promise<StepResult> {
    const state = await this.state(slug, lang);
    if (!state) return refused({ code: 'not-found' });
    // Someone else saved since this editor loaded the page: their revision stays, and this one is refused (the form keeps the text).
    // The same person's autosave that landed while they pressed Save is not someone else's work.
    const ownAutosave = state.head.origin === 'autosave' && state.head.created_by === actor.id && basedOn === state.head.number - 1;
    if (basedOn !== state.head.number && !ownAutosave) return refused({ code: 'stale' });
    if (JSON.stringify(fields) === state.head.fields_json) return ok(state.workflow.status);
    const status = nextStatus(state.workflow.status, 'edit') ?? 'draft';
    const json = JSON.stringify(fields);
    const saved = await this.d.db.transaction().execute(async (tx) => {
      const reuse = origin === 'autosave' && state.head.origin === 'autosave' && state.head.created_by === actor.id && state.workflow.status === 'draft';
      if (reuse) {
        await q.replaceAutosave(tx, state.head.id, json, this.nowIso());
        return q.updateWorkflowFrom(tx, slug, lang, { status: state.workflow.status, head: state.head.id }, { updated_at: this.nowIso() });
      }
      const rev = await q.insertRevision(tx, { slug, lang, fields_json: json, origin, created_by: actor.id, created_at: this.nowIso() });
      return q.updateWorkflowFrom(tx, slug, lang, { status: state.workflow.status, head: state.head.id }, { status, head_revision_id: rev.id, publish_at: null, updated_at: this.nowIso() });
    });
    if (!saved) return refused({ code: 'stale' });
    if (origin !== 'autosave') await this.d.audit.record(actorOf(actor, ip), { action: origin === 'restore' ? 'article.restored' : 'article.saved', target: { type: 'article', id: `${lang}/${slug}` }, details: { from: state.workflow.status, to: status } });
    return ok(status);
  }

  /** The checks' findings on the head revision (or on fields being typed). */
  async findings(lang: Lang, fields: ArticleFields): Promise<EditorFinding[]> {
    return findingsFor(lang, fields, await this.checkContext());
  }

  /** Treatments not approved are investigational; topic names let the checks recognise what an article is about. */
  private async checkContext(): Promise<CheckContext> {
    const topics = [...(await this.d.topics.list('en')), ...(await this.d.topics.list('ur'))];
    const topicNames: Record<string, string[]> = {};
    for (const t of topics) topicNames[t.slug] = [...(topicNames[t.slug] ?? []), t.title, ...(JSON.parse(t.also_known_as) as string[])];
    const investigationalTopics = [...new Set(topics.filter((t) => t.kind === 'treatment' && t.evidence !== 'approved').map((t) => t.slug))];
    const own = await this.clinicChecks();
    return { investigationalTopics, topicNames, clinicRules: own.rules, glossary: own.glossary };
  }

  /** The clinic's own words to avoid and glossary, as stored (a row that no longer reads is ignored, not fatal). */
  async clinicChecks(): Promise<ClinicChecks> {
    const raw = await q.readClinicChecks(this.d.db);
    if (!raw) return noClinicChecks;
    const parsed = storedChecks.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : noClinicChecks;
  }

  /** Saves what staff typed; a line that cannot be read is refused with its number and nothing changes. */
  async saveClinicChecks(actor: User, ip: string, text: { rules: string; glossary: string }): Promise<{ ok: true } | { ok: false; errors: LineError[] }> {
    const rules = readRules(text.rules);
    const glossary = readGlossary(text.glossary);
    const errors = [...rules.errors, ...glossary.errors];
    if (errors.length) return { ok: false, errors };
    await q.writeClinicChecks(this.d.db, JSON.stringify({ rules: rules.rules, glossary: glossary.glossary }), this.nowIso());
    await this.d.audit.record(actorOf(actor, ip), { action: 'editorial.checks-updated', details: { rules: rules.rules.length, glossary: glossary.glossary.length } });
    return { ok: true };
  }

  /** The body as readers would see it, rendered by the public article renderer (sanitised HTML). */
  async previewBody(fields: ArticleFields): Promise<string> {
    return (await renderMarkdown(fields.body, { references: fields.references.filter((r) => r.trim() !== '').length, images: this.d.images })).html;
  }

  /** The people, topics and testimonials an editor picks from. */
  async choices(): Promise<{ people: { slug: string; name: string }[]; conditions: { slug: string; title: string }[]; treatments: { slug: string; title: string }[]; testimonials: { id: string; who: string }[] }> {
    const [people, conditions, treatments, testimonials] = await Promise.all([this.d.people.all(), this.d.topics.list('en', 'condition'), this.d.topics.list('en', 'treatment'), this.d.testimonials.all()]);
    return {
      people: people.map((p) => ({ slug: p.slug, name: p.name })),
      conditions: conditions.map((t) => ({ slug: t.slug, title: t.title })),
      treatments: treatments.map((t) => ({ slug: t.slug, title: t.title })),
      testimonials: testimonials.map((t) => ({ id: t.id, who: t.who })),
    };
  }

  /** The default next review date a reviewer is offered: the clinic's interval from today. */
  async nextReviewDefault(): Promise<string> {
    return reviewDueDate(this.today(), (await this.d.settings.staff()).reviewIntervalMonths);
  }

  private async asArticleInput(slug: string, lang: Lang, fields: ArticleFields, reviewerSlug: string, dates: { reviewedAt: string; nextReviewAt: string; publishedAt: string }): Promise<ArticleInput> {
    return {
      slug,
      lang,
      status: 'published',
      title: fields.title,
      summary: fields.summary,
      body: fields.body,
      author: fields.author,
      reviewer: reviewerSlug,
      ...(fields.translator ? { translator: fields.translator } : {}),
      published_at: dates.publishedAt,
      updated_at: this.today(),
      reviewed_at: dates.reviewedAt,
      next_review_at: dates.nextReviewAt,
      featured: fields.featured,
      conditions: fields.conditions,
      treatments: fields.treatments,
      ...(fields.testimonial ? { testimonial: fields.testimonial } : {}),
      ...(fields.video ? { video: fields.video } : {}),
      references: fields.references.filter((r) => r.trim() !== ''),
      conflict_of_interest: fields.conflictOfInterest,
    };
  }

  /** Editor → reviewer: only a complete article whose people and topics exist goes to review. */
  async submit(actor: User, ip: string, slug: string, lang: Lang, revision: number): Promise<StepResult> {
    const state = await this.state(slug, lang);
    if (!state) return refused({ code: 'not-found' });
    if (state.head.number !== revision) return refused({ code: 'stale' });
    if (!nextStatus(state.workflow.status, 'submit')) return refused({ code: 'wrong-state' });
    const missing = missingForReview(state.fields);
    if (missing.length) return refused({ code: 'missing', fields: missing });
    const problem = await this.invalidAsArticle(state, null);
    if (problem) return refused({ code: 'invalid', message: problem });
    const moved = await this.d.db.transaction().execute(async (tx) => {
      const done = await q.updateWorkflowFrom(tx, slug, lang, { status: state.workflow.status, head: state.head.id }, { status: 'in_review', submitted_at: this.nowIso(), updated_at: this.nowIso() });
      if (!done) return false;
      const link = `${this.d.baseUrl}/admin/articles/${lang}/${slug}`;
      for (const r of await q.reviewerEmails(tx)) await enqueueEmail(tx, { to: r.email, ...reviewWaitingEmail(r.lang, state.fields.title, link) }, this.d.now());
      return true;
    });
    if (!moved) return refused({ code: 'stale' });
    await this.d.audit.record(actorOf(actor, ip), { action: 'article.submitted', target: { type: 'article', id: `${lang}/${slug}` }, details: { revision } });
    return ok('in_review');
  }

  /** Whether the article would be accepted by the articles service (people, topics, testimonial exist). */
  private async invalidAsArticle(state: EditorState, reviewerSlug: string | null): Promise<string | null> {
    const today = this.today();
    try {
      // Before approval nobody has signed off: the author's slug fills the reviewer's place and is not checked.
      const input = await this.asArticleInput(state.slug, state.lang, state.fields, reviewerSlug ?? state.fields.author, { reviewedAt: today, nextReviewAt: reviewDueDate(today, 12), publishedAt: today });
      await this.d.articles.validate(input, { reviewer: reviewerSlug !== null });
      return null;
    } catch (err) {
      if (err instanceof ContentError) return err.message;
      if (err instanceof Error && err.name === 'ZodError') return err.message;
      throw err;
    }
  }

  /** A medical reviewer's sign-off, recorded with the reviewer, the date and the next review date. */
  async approve(actor: User, ip: string, slug: string, lang: Lang, a: Approval): Promise<StepResult> {
    const state = await this.state(slug, lang);
    if (!state) return refused({ code: 'not-found' });
    if (state.head.number !== a.revision) return refused({ code: 'stale' });
    if (!nextStatus(state.workflow.status, 'approve')) return refused({ code: 'wrong-state' });
    const reviewer = await this.reviewerProfile(actor.id);
    if (!reviewer) return refused({ code: 'no-profile' });
    const errors = (await this.findings(lang, state.fields)).filter((f) => f.severity === 'error').length;
    const reason = a.reason.trim();
    if (errors > 0 && !reason) return refused({ code: 'reason-required', errors });
    const problem = await this.invalidAsArticle(state, reviewer);
    if (problem) return refused({ code: 'invalid', message: problem });
    const approvedOn = this.today();
    const months = (await this.d.settings.staff()).reviewIntervalMonths;
    const nextReviewAt = a.nextReviewAt && a.nextReviewAt > approvedOn ? a.nextReviewAt : reviewDueDate(approvedOn, months);
    const approved = await this.d.db.transaction().execute(async (tx) => {
      if (reason) await q.setApprovalReason(tx, state.head.id, reason);
      return q.updateWorkflowFrom(tx, slug, lang, { status: 'in_review', head: state.head.id }, {
        status: 'approved', approved_revision_id: state.head.id, approved_by: actor.id, approved_at: this.nowIso(), next_review_at: nextReviewAt, publish_at: null, updated_at: this.nowIso(),
      });
    });
    if (!approved) return refused({ code: 'stale' });
    await this.d.audit.record(actorOf(actor, ip), { action: 'article.approved', target: { type: 'article', id: `${lang}/${slug}` }, details: { revision: a.revision, nextReviewAt, openErrors: errors, ...(reason ? { reason } : {}) } });
    if (a.publish === 'now') return this.publish(actor, ip, slug, lang);
    if (typeof a.publish === 'object') return this.schedule(actor, ip, slug, lang, a.publish.at);
    return ok('approved');
  }

  /** The reviewer sends the article back to its editor with what to change (kept in the audit log). */
  async requestChanges(actor: User, ip: string, slug: string, lang: Lang, revision: number, note: string): Promise<StepResult> {
    const state = await this.state(slug, lang);
    if (!state) return refused({ code: 'not-found' });
    if (state.head.number !== revision) return refused({ code: 'stale' });
    if (!nextStatus(state.workflow.status, 'request-changes')) return refused({ code: 'wrong-state' });
    const done = await q.updateWorkflowFrom(this.d.db, slug, lang, { status: 'in_review', head: state.head.id }, { status: 'draft', updated_at: this.nowIso() });
    if (!done) return refused({ code: 'stale' });
    await this.d.audit.record(actorOf(actor, ip), { action: 'article.changes-requested', target: { type: 'article', id: `${lang}/${slug}` }, details: { revision, note: note.trim() } });
    return ok('draft');
  }

  /** The public profile (slug) a staff account signs off as, when it is a medical reviewer's. */
  private async reviewerProfile(userId: number): Promise<string | null> {
    const link = await q.personIdOfUser(this.d.db, userId);
    if (!link?.person_id) return null;
    const person = (await this.d.people.byIds([link.person_id])).get(link.person_id);
    return person && this.d.people.hasRole(person, 'reviewer') ? person.slug : null;
  }

  /** Puts the approved revision online now: the public page, sitemap and feed follow the content version. */
  async publish(actor: User | null, ip: string, slug: string, lang: Lang): Promise<StepResult> {
    const workflow = await q.findWorkflow(this.d.db, slug, lang);
    if (!workflow?.approved_revision_id) return refused({ code: 'not-found' });
    if (!nextStatus(workflow.status, 'publish')) return refused({ code: 'wrong-state' });
    const revision = await q.findRevision(this.d.db, workflow.approved_revision_id);
    if (!revision || !workflow.approved_by || !workflow.approved_at) return refused({ code: 'wrong-state' });
    const reviewer = await this.reviewerProfile(workflow.approved_by);
    if (!reviewer) return refused({ code: 'no-profile' });
    const current = await this.d.articles.forEditing(slug, lang);
    const input = await this.asArticleInput(slug, lang, parseFields(revision.fields_json), reviewer, {
      reviewedAt: workflow.approved_at.slice(0, 10),
      nextReviewAt: workflow.next_review_at ?? reviewDueDate(workflow.approved_at, 12),
      publishedAt: current?.article.published_at ?? this.today(),
    });
    // Claim the step first, so two clicks (or the scheduler and a person) publish once.
    const claimed = await q.updateWorkflowFrom(this.d.db, slug, lang, { status: workflow.status, head: workflow.head_revision_id }, {
      status: workflow.head_revision_id === revision.id ? 'published' : 'draft', published_revision_id: revision.id, publish_at: null, updated_at: this.nowIso(),
    });
    if (!claimed) return refused({ code: 'stale' });
    await this.d.articles.save(input);
    await this.d.audit.record(actor ? actorOf(actor, ip) : { id: null, email: null, ip: null }, { action: 'article.published', target: { type: 'article', id: `${lang}/${slug}` }, details: { revision: revision.number } });
    return ok('published');
  }

  async schedule(actor: User, ip: string, slug: string, lang: Lang, at: string): Promise<StepResult> {
    const workflow = await q.findWorkflow(this.d.db, slug, lang);
    if (!workflow) return refused({ code: 'not-found' });
    if (!nextStatus(workflow.status, 'schedule')) return refused({ code: 'wrong-state' });
    if (!(at > this.nowIso())) return refused({ code: 'invalid', message: 'schedule.past' });
    const done = await q.updateWorkflowFrom(this.d.db, slug, lang, { status: 'approved', head: workflow.head_revision_id }, { status: 'scheduled', publish_at: at, updated_at: this.nowIso() });
    if (!done) return refused({ code: 'stale' });
    await this.d.audit.record(actorOf(actor, ip), { action: 'article.scheduled', target: { type: 'article', id: `${lang}/${slug}` }, details: { at } });
    return ok('scheduled');
  }

  /** Publishes what is due; run every minute by the scheduler in every process (each item is claimed once). */
  async publishDue(): Promise<number> {
    let published = 0;
    for (const w of await q.dueScheduled(this.d.db, this.nowIso())) {
      const result = await this.publish(null, '', w.slug, w.lang);
      if (result.ok) published += 1;
    }
    return published;
  }

  revisions(slug: string, lang: Lang): Promise<q.RevisionListItem[]> {
    return q.listRevisions(this.d.db, slug, lang);
  }

  async revision(slug: string, lang: Lang, number: number): Promise<{ revision: ArticleRevision; fields: ArticleFields } | undefined> {
    const revision = await q.findRevisionByNumber(this.d.db, slug, lang, number);
    return revision ? { revision, fields: parseFields(revision.fields_json) } : undefined;
  }

  /** An old revision becomes the newest one (a new revision, so nothing in between is lost). */
  async restore(actor: User, ip: string, slug: string, lang: Lang, number: number, basedOn: number): Promise<StepResult> {
    const old = await this.revision(slug, lang, number);
    if (!old) return refused({ code: 'not-found' });
    return this.save(actor, ip, slug, lang, old.fields, 'restore', basedOn);
  }

  /**
   * The import's way in: a file's version becomes a revision and is published as the file says
   * (its front matter records the sign-off). A newer edit made in the dashboard is never silently
   * overwritten: the file is refused with the reason, unless forced.
   */
  async importArticle(input: ArticleInput & { slug: string; lang: Lang }, force: boolean): Promise<void> {
    await this.d.articles.validate(input);
    const fields: ArticleFields = {
      title: input.title, summary: input.summary, body: input.body, author: input.author, translator: input.translator ?? '',
      conditions: input.conditions ?? [], treatments: input.treatments ?? [], testimonial: input.testimonial ?? '', video: input.video ?? '',
      references: input.references ?? [], conflictOfInterest: input.conflict_of_interest ?? '', featured: input.featured ?? false,
    };
    const newest = await q.newestRevision(this.d.db, input.slug, input.lang);
    if (newest && isDashboardEdit(newest.origin) && !force) {
      throw new ContentError(`changed in the dashboard on ${newest.created_at.slice(0, 10)} (revision ${newest.number}) after it was last imported; not overwritten (import with --force to replace it)`);
    }
    if (newest && newest.fields_json === JSON.stringify(fields) && (input.status ?? 'published') === 'published') {
      await this.d.articles.save(input);
      return;
    }
    await this.d.db.transaction().execute(async (tx) => {
      const rev = await q.insertRevision(tx, { slug: input.slug, lang: input.lang, fields_json: JSON.stringify(fields), origin: 'import', created_by: null, created_at: this.nowIso() });
      const published = (input.status ?? 'published') === 'published';
      const row = {
        slug: input.slug, lang: input.lang, status: published ? ('published' as const) : ('draft' as const), head_revision_id: rev.id,
        approved_revision_id: published ? rev.id : null, published_revision_id: published ? rev.id : null, approved_by: null,
        approved_at: published ? input.reviewed_at : null, next_review_at: published ? input.next_review_at : null, publish_at: null, submitted_at: null, updated_at: this.nowIso(),
      };
      if (!(await q.insertWorkflow(tx, row))) await q.replaceWorkflow(tx, row);
    });
    if ((input.status ?? 'published') === 'published') await this.d.articles.save(input);
  }
}

const storedChecks = z.object({
  rules: z.array(clinicRuleSchema),
  glossary: z.array(z.object({ term: z.string().min(1), plain: z.string().min(1), lang: z.enum(['en', 'ur']).optional() })),
});

function actorOf(user: User, ip: string): Actor {
  return { id: user.id, email: user.email, ip };
}

