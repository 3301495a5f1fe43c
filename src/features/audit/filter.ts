import { z } from 'zod';
import type { AuditFilter } from './queries.ts';

/**
 * The audit log's filter as a zod schema for its query string. Owned by the audit service, which
 * re-exports it. Anything malformed is ignored rather than trusted: a bad value filters nothing,
 * and the page is never an error.
 */

/** Typed text, trimmed and cut to `max`; absent when empty or not text. */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .transform((v) => v.slice(0, max))
    .optional()
    .catch(undefined);

/** 2026-02-31 or 9999-99-99 is not a day, though it has the shape of one. */
function isCalendarDay(v: string): boolean {
  const ms = Date.parse(`${v}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(v);
}

const filterDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDay)
  .optional()
  .catch(undefined);

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface ParsedAuditFilter {
  /** What the log is searched with: "to" is the first day not included. */
  filter: AuditFilter;
  /** What the form shows again: "to" as the person typed it, inclusive. */
  shown: AuditFilter;
}

export const auditFilterQuery = z
  .object({ action: filterText(60), actor: filterText(120), from: filterDay, to: filterDay })
  .transform(({ to, ...rest }): ParsedAuditFilter => ({
    // "To" is inclusive for a person: entries up to the end of that day.
    filter: { ...rest, to: to === undefined ? undefined : dayAfter(to) },
    shown: { ...rest, to },
  }));
