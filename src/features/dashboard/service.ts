import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '#src/db/types.ts';
import type { ArticlesService } from '#src/features/articles/service.ts';
import type { AuditService } from '#src/features/audit/service.ts';
import { can } from '#src/permissions.ts';
import type { StaffService } from '#src/features/staff/service.ts';
import type { ConsultationService } from '#src/features/consultation/service.ts';
import type { EditorialService } from '#src/features/editorial/service.ts';
import { outboxStats, type OutboxStats } from '#src/jobs/outbox.ts';

export interface Overview {
  admin?: { users: number; invited: number; signInFailures: number; outboxFailed: number; outboxPending: number };
  editorial?: { published: number; reviewOverdue: number; inReview: number; drafts: number; translationsOutdated: number; reports: number };
  consultations?: { fresh: number; urgent: number; overdue: number };
}

/** The counts each role cares about, and nothing the role may not see. */
export class DashboardService {
  private readonly db: Kysely<Database>;
  private readonly staff: StaffService;
  private readonly audit: AuditService;
  private readonly articles: ArticlesService;
  private readonly consultations: ConsultationService;
  private readonly editorial: EditorialService;
  private readonly now: () => Date;

  constructor(deps: { db: Kysely<Database>; staff: StaffService; audit: AuditService; articles: ArticlesService; consultations: ConsultationService; editorial: EditorialService; now: () => Date }) {
    this.now = deps.now;
    this.db = deps.db;
    this.staff = deps.staff;
    this.audit = deps.audit;
    this.articles = deps.articles;
    this.consultations = deps.consultations;
    this.editorial = deps.editorial;
  }

  async overview(roles: StaffRole[]): Promise<Overview> {
    const now = this.now();
    const out: Overview = {};
    if (can(roles, 'users.manage')) {
      const [users, failures, outbox] = await Promise.all([this.staff.users(), this.audit.countSince('sign-in.failure', new Date(now.getTime() - 86_400_000)), outboxStats(this.db, 0)]);
      out.admin = {
        users: users.filter((u) => u.status !== 'disabled').length,
        invited: users.filter((u) => u.status === 'invited').length,
        signInFailures: failures,
        outboxFailed: outbox.counts.failed,
        outboxPending: outbox.counts.pending,
      };
    }
    if (can(roles, 'articles.view')) {
      const [published, workflow, reports] = await Promise.all([this.articles.editorialCounts(), this.editorial.counts(), this.editorial.reports.open()]);
      out.editorial = { published: published.published, reviewOverdue: published.reviewOverdue, inReview: workflow.inReview, drafts: workflow.drafts, translationsOutdated: workflow.translationsOutdated, reports };
    }
    if (can(roles, 'consultations.handle')) out.consultations = await this.consultations.inbox.waiting();
    return out;
  }

  outbox(): Promise<OutboxStats> {
    return outboxStats(this.db, 50);
  }
}
