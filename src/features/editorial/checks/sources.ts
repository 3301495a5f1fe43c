/**
 * The sources check: every `[n]` points at one of the front matter's references, and a sentence
 * that states an effect, a figure or an approval cites a reference in the same paragraph, so that
 * the reviewer (and the reader) can check it. Topics have no references in the content format, so
 * the citation rule applies to articles and pages.
 */
import type { CheckContext } from './check-context.ts';
import { findingAt } from './check-context.ts';
import { claimRules } from './claim-rules.ts';
import { clauseAround, isDenied, isIndirectQuestion, urduWords } from './context.ts';
import { matchPhrases, type PhraseRule } from './rule-matcher.ts';
import { CITATION, sentencesOf } from './sentences.ts';
import type { Finding } from './types.ts';

const approvalPatterns = claimRules.find((r) => r.id === 'claims/approval')?.patterns ?? {};
const REGULATOR = /\b(?:FDA|DRAP|EMA|MHRA|European Medicines Agency|Food and Drug Administration)\b|ایف ڈی اے|ڈریپ/;

type Statement = Pick<PhraseRule, 'id' | 'patterns'> & { what: string };

// What counts as a statement that needs a source. Kept narrow on purpose: a figure about people,
// an effect on survival or on the course of a disease, an approval. "Twice a day" needs no source.
const statements: Statement[] = [
  {
    id: 'sources/uncited-number',
    what: 'gives a figure',
    patterns: {
      en: [
        /\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)/i,
        /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of)\s+(?:every\s+)?\d[\d,]*\b/i,
        /\b\d+(?:\.\d+)?\s*(?:times|-fold)\s+(?:more|less|higher|lower|as)\b/i,
      ],
      ur: [urduWords('[\\d۰-۹]+\\s?(?:%|فیصد)|[\\d۰-۹]+\\s+میں سے\\s+[\\d۰-۹]+|[\\d۰-۹]+\\s+(?:میں|فی)\\s+(?:ہر\\s+)?[\\d۰-۹,]+')],
    },
  },
  {
    id: 'sources/uncited-effect',
    what: 'states an effect of a treatment',
    patterns: {
      en: [
        /\b(?:live|lives|living|lived)\s+(?:\w+\s+){0,4}?longer\b/i,
        /\b(?:lengthen|extend|prolong|improv|increas|boost)\w*\s+(?:\w+\s+){0,2}?(?:survival|life expectancy|lifespan|quality of life)\b/i,
        /\b(?:slow|delay|reduc|lower|halv|prevent)\w*\s+(?:\w+\s+){0,3}?(?:progression|decline|deterioration|the disease|risk|deaths?|mortality|relapses?|loss of)\b/i,
        /\b(?:is|are|was|were|highly|more|less)\s+effective\b/i,
      ],
      ur: [urduWords('زیادہ (?:عرصہ )?زندہ|زندگی (?:کو )?(?:\\S+ )?بڑھا(?:تی|تا|تے)')],
    },
  },
  { id: 'sources/uncited-approval', what: 'states an approval', patterns: approvalPatterns },
];

function unresolvedMarkers(ctx: CheckContext): Finding[] {
  if (!ctx.citesReferences) return [];
  const count = ctx.doc.references.length;
  return ctx.doc.blocks.flatMap((block) =>
    [...block.text.matchAll(CITATION)]
      .filter((m) => !ctx.validMarker(Number(m[1])))
      .map((m) =>
        findingAt(ctx, block.offsets[m.index] ?? 0, {
          rule: 'sources/unresolved-marker',
          severity: 'error',
          message: `${m[0]} points at no reference: the front matter lists ${count === 0 ? 'none' : `${count}`}. The reader would find no source for the claim.`,
          suggestion: count === 0 ? 'Add the source to `references:` in the front matter.' : `Use a number from 1 to ${count}, or add the missing source to \`references:\`.`,
          words: m[0],
        }),
      ),
  );
}

function unusedReferences(ctx: CheckContext): Finding[] {
  const used = new Set(ctx.doc.blocks.flatMap((b) => [...b.text.matchAll(CITATION)].map((m) => Number(m[1]))));
  return ctx.doc.references.flatMap((offset, i) =>
    used.has(i + 1)
      ? []
      : [
          findingAt(ctx, offset, {
            rule: 'sources/unused-reference',
            severity: 'info',
            message: `Reference ${i + 1} is never cited in the text, so readers cannot tell which statement it supports.`,
            suggestion: `Cite it as [${i + 1}] after the statement it supports, or remove it.`,
          }),
        ],
  );
}

function uncitedStatements(ctx: CheckContext): Finding[] {
  if (ctx.kind === 'topic') return [];
  const findings: Finding[] = [];
  for (const block of ctx.doc.blocks) {
    if (block.kind === 'title' || block.kind === 'summary' || block.kind === 'heading' || ctx.isCited(block)) continue;
    for (const sentence of sentencesOf(block, ctx.lang)) {
      for (const statement of statements) {
        const match = matchPhrases(statement, sentence, ctx.lang).find((m) => {
          const clause = clauseAround(sentence.text, m.start - sentence.start, m.end - sentence.start, ctx.lang);
          return !isDenied(clause, ctx.lang) && !(statement.id === 'sources/uncited-approval' && isIndirectQuestion(clause, ctx.lang));
        });
        if (!match) continue;
        const regulator = statement.id === 'sources/uncited-approval' && REGULATOR.test(sentence.text);
        findings.push(
          findingAt(ctx, block.offsets[match.start] ?? 0, {
            rule: statement.id,
            severity: regulator ? 'error' : 'warning',
            message: `This sentence ${statement.what} ("${match.words}") but its paragraph cites no reference, so a reader cannot check it.`,
            suggestion: 'Add a citation marker [n] for the source that supports it, in the same paragraph, or soften the sentence if no source says so.',
            words: match.words,
          }),
        );
      }
    }
  }
  return findings;
}

export function checkSources(ctx: CheckContext): Finding[] {
  return [...unresolvedMarkers(ctx), ...(ctx.doc.hasFrontMatter ? unusedReferences(ctx) : []), ...uncitedStatements(ctx)];
}
