import type { Kysely } from 'kysely';
import type { Database } from '#src/db/types.ts';
import { reportRows } from './report-queries.ts';

/**
 * The figures of the consultation report: requests per week, how fast the first answer came
 * (median and 90th percentile against the target), how many booked patients did not come, and
 * which pages requests were sent from. Computed here from the rows of the period; a clinic's
 * requests over twelve weeks are a few thousand at most.
 */

const REPORT_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;

export interface WeekFigures {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  requests: number;
  /** Hours to the first response, of the requests answered; null when none was. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Report {
  weeks: WeekFigures[];
  targetHours: number;
  noShow: { attended: number; missed: number };
  sources: { path: string; requests: number }[];
}

/** The value below which a share `q` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

export function mondayOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/** The path of the page a request came from, without its query (utm tags), or "(the form itself)". */
function sourceOf(path: string | null): string {
  return path ? (path.split('?')[0] ?? path) : '/consultation';
}

export async function consultationReport(db: Kysely<Database>, now: Date, targetHours: number): Promise<Report> {
  const first = new Date(mondayOf(now).getTime() - (REPORT_WEEKS - 1) * WEEK_MS);
  const { requests, bookings } = await reportRows(db, first.toISOString());
  const weeks: WeekFigures[] = [];
  for (let i = 0; i < REPORT_WEEKS; i++) {
    const start = first.getTime() + i * WEEK_MS;
    const inWeek = requests.filter((r) => Date.parse(r.created_at) >= start && Date.parse(r.created_at) < start + WEEK_MS);
    const hours = inWeek
      .filter((r) => r.responded_at)
      .map((r) => (Date.parse(r.responded_at ?? '') - Date.parse(r.created_at)) / 3_600_000)
      .sort((a, b) => a - b);
    weeks.push({ week: new Date(start).toISOString().slice(0, 10), requests: inWeek.length, medianHours: percentile(hours, 0.5), p90Hours: percentile(hours, 0.9) });
  }
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(sourceOf(r.source_path), (counts.get(sourceOf(r.source_path)) ?? 0) + 1);
  const sources = [...counts].map(([path, n]) => ({ path, requests: n })).sort((a, b) => b.requests - a.requests || a.path.localeCompare(b.path)).slice(0, 10);
  return {
    weeks,
    targetHours,
    noShow: { attended: bookings.filter((b) => b.status === 'attended').length, missed: bookings.filter((b) => b.status === 'no_show').length },
    sources,
  };
}
