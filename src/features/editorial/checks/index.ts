/**
 * The editorial checks of one Markdown document: claims, sources, readability, respectful language
 * and structure. A pure function (no database, no I/O), so the editor can run it on every pause in
 * typing, the review page when a reviewer opens a draft, and `caresite check` on files.
 */
import { buildContext } from './check-context.ts';
import { claimRules } from './claim-rules.ts';
import { checkClaims, checkInvestigationalNotice } from './claims.ts';
import { toClaimRule } from './clinic-rules.ts';
import { checkLanguage } from './language.ts';
import { parseDocument } from './parse-document.ts';
import { checkReadability } from './readability.ts';
import { checkSources } from './sources.ts';
import { checkStructure } from './structure.ts';
import type { CheckInput, Finding } from './types.ts';

const severityOrder = { error: 0, warning: 1, info: 2 };

export function checkDocument(input: CheckInput): Finding[] {
  const doc = parseDocument(input.text);
  const ctx = buildContext(input, doc);
  const rules = [...claimRules, ...(input.clinicRules ?? []).map(toClaimRule)];
  const findings = [
    ...checkStructure(ctx, input.knownPaths),
    ...checkClaims(ctx, rules),
    ...checkInvestigationalNotice(ctx),
    ...checkSources(ctx),
    ...checkReadability(ctx, input.glossary),
    ...checkLanguage(ctx),
  ];
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || severityOrder[a.severity] - severityOrder[b.severity]);
}
