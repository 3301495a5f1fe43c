/** The respectful-language check: the rules of language-rules.ts over every sentence. */
import type { CheckContext } from './check-context.ts';
import { findingAt } from './check-context.ts';
import { isQuotedMention } from './context.ts';
import { languageRules } from './language-rules.ts';
import { matchPhrases } from './rule-matcher.ts';
import { sentencesOf } from './sentences.ts';
import type { Finding } from './types.ts';

export function checkLanguage(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const block of ctx.doc.blocks) {
    for (const sentence of sentencesOf(block, ctx.lang)) {
      for (const rule of languageRules) {
        for (const match of matchPhrases(rule, sentence, ctx.lang)) {
          // Unlike a claim, a hurtful word is not made kind by "not": only quoting it to discuss it is.
          if (isQuotedMention(block.text, match.start, match.end)) continue;
          findings.push(
            findingAt(ctx, block.offsets[match.start] ?? 0, {
              rule: rule.id,
              severity: rule.severity,
              message: `"${match.words}" ${rule.why}`,
              suggestion: rule.suggestion,
              words: match.words,
            }),
          );
        }
      }
    }
  }
  return findings;
}
