/**
 * A clinic's own claim rules: phrases its reviewers never want to see ("miracle", a competitor's
 * slogan), kept as plain words so that nobody has to write a regular expression.
 */
import { z } from 'zod';
import { urduWords } from './context.ts';
import type { ClaimRule } from './claim-rules.ts';

export const clinicRuleSchema = z.object({
  /** Kept apart from the built-in ids so a clinic rule never replaces one. */
  id: z.string().regex(/^claims\/clinic-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a clinic rule id looks like claims/clinic-miracle-words'),
  /** Words or phrases, matched whole and case-insensitively; spaces match any run of spaces. */
  phrases: z.array(z.string().trim().min(1)).min(1),
  severity: z.enum(['error', 'warning', 'info']).default('warning'),
  /** Why the phrase misleads, shown after the quoted words. */
  message: z.string().trim().min(1),
  suggestion: z.string().trim().min(1),
  /** Absent: both languages. */
  lang: z.enum(['en', 'ur']).optional(),
});

export type ClinicRule = z.infer<typeof clinicRuleSchema>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): string {
  return phrase.split(/\s+/).map(escapeRegExp).join('\\s+');
}

/** A clinic rule in the shape of the built-in claim rules, so one engine reads both. */
export function toClaimRule(rule: ClinicRule): ClaimRule {
  const source = rule.phrases.map(phrasePattern).join('|');
  // Whole words in any script: \b only knows ASCII letters.
  const en = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${source})(?![\\p{L}\\p{M}\\p{N}])`, 'iu');
  // Urdu text is searched with the English patterns too, so a rule for both languages needs only `en`.
  const patterns = rule.lang === 'ur' ? { ur: [urduWords(source)] } : { en: [en] };
  return {
    id: rule.id,
    severity: rule.severity,
    patterns,
    why: rule.message,
    suggestion: rule.suggestion,
    examples: {},
  };
}
