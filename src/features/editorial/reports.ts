import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ContentReport, Database, Lang, ReportStatus, User } from '#src/db/types.ts';
import type { AuditService } from '#src/features/audit/service.ts';
import { countHit, subjectKey } from '#src/platform/rate-counter.ts';
import type { ProofOfWork } from '#src/platform/proof-of-work.ts';
import { countReports, insertReport, listReports, resolveReport } from './reports-queries.ts';

export const reportReasons = ['wrong', 'outdated', 'unclear', 'broken', 'other'] as const;

/** Posts from one address in an hour before more are refused (a reader reports a page or two, not dozens). */
export const REPORT_LIMITS = { windowMs: 3_600_000, refuseAfter: 20 };
/** A person needs longer than this to read the form and write what is wrong; faster is a script. */
const MIN_FILL_MS = 3000;

/** A path of this site's public pages, never another site's address (the report links to it in the dashboard). */
const sitePath = z.string().max(300).regex(/^\/(?!\/)[\p{L}\p{N}\-_/.?=&%]*$/u, 'report.page');

export const reportSchema = z.object({
  page: sitePath,
  reason: z.enum(reportReasons, 'report.reason'),
  details: z.string().trim().min(1, 'field.required').max(2000, 'field.tooLong'),
  email: z.union([z.literal(''), z.email('field.email').max(320)]),
});
export type ReportInput = z.infer<typeof reportSchema>;

export interface ReportEvidence {
  honeypot: string;
  fillMs: number | null;
}

/** "Report a problem with this page": readers' reports, in the editors' queue until resolved. */
export class ProblemReports {
  private readonly d: { db: Kysely<Database>; audit: AuditService; proofOfWork: ProofOfWork; now: () => Date };

  constructor(deps: ProblemReports['d']) {
    this.d = deps;
  }

  /** Counts a post from this address and says whether it is over the hour's limit. */
  async overLimit(address: string): Promise<boolean> {
    const subject = subjectKey(await this.d.proofOfWork.hmacKey(), `address:${address}`);
    const hits = await countHit(this.d.db, { scope: 'report-address', subject, windowMs: REPORT_LIMITS.windowMs, now: this.d.now() });
    return hits > REPORT_LIMITS.refuseAfter;
  }

  /** Stores a report; one that looks sent by a script is kept apart as spam, never silently dropped. */
  async submit(input: ReportInput, lang: Lang, evidence: ReportEvidence): Promise<number> {
    const spam = evidence.honeypot !== '' || (evidence.fillMs !== null && evidence.fillMs < MIN_FILL_MS);
    return insertReport(this.d.db, { page: input.page, lang, reason: input.reason, details: input.details, email: input.email || null, status: spam ? 'spam' : 'open', created_at: this.d.now().toISOString() });
  }

  list(status: ReportStatus): Promise<ContentReport[]> {
    return listReports(this.d.db, status, 200);
  }

  open(): Promise<number> {
    return countReports(this.d.db, 'open');
  }

  async resolve(by: User, ip: string, id: number, resolution: string): Promise<boolean> {
    const done = await resolveReport(this.d.db, id, by.id, this.d.now().toISOString(), resolution.trim());
    if (done) await this.d.audit.record({ id: by.id, email: by.email, ip }, { action: 'report.resolved', target: { type: 'content_report', id }, details: { resolution: resolution.trim() } });
    return done;
  }
}
