import type { Kysely } from 'kysely';
import type { ContentReport, Database, Lang, ReportReason, ReportStatus } from '#src/db/types.ts';

export async function insertReport(db: Kysely<Database>, row: { page: string; lang: Lang; reason: ReportReason; details: string; email: string | null; status: ReportStatus; created_at: string }): Promise<number> {
  const done = await db.insertInto('content_reports').values({ ...row, resolved_by: null, resolved_at: null, resolution: null }).returning('id').executeTakeFirstOrThrow();
  return done.id;
}

export function listReports(db: Kysely<Database>, status: ReportStatus, limit: number): Promise<ContentReport[]> {
  return db.selectFrom('content_reports').selectAll().where('status', '=', status).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countReports(db: Kysely<Database>, status: ReportStatus): Promise<number> {
  const row = await db.selectFrom('content_reports').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Resolves an open report once; the reader's email is erased with it (it was only kept to answer them). */
export async function resolveReport(db: Kysely<Database>, id: number, by: number, at: string, resolution: string): Promise<boolean> {
  const done = await db.updateTable('content_reports').set({ status: 'resolved', resolved_by: by, resolved_at: at, resolution, email: null }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
