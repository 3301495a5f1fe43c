/**
 * The claims check: the rules of claim-rules.ts (and the clinic's own) run over every sentence of
 * the title, the summary and the body, each match read in its clause (see context.ts), and the
 * investigational-notice check for documents tagged with an investigational treatment.
 */
import type { CheckContext } from './check-context.ts';
import { findingAt } from './check-context.ts';
import { investigationalNotice, type ClaimRule } from './claim-rules.ts';
import { clauseAround, isDenied, isHedged, isIndirectQuestion, isQuotedMention, isWarning } from './context.ts';
import { matchPhrases, type PhraseMatch } from './rule-matcher.ts';
import { sentencesOf } from './sentences.ts';
import type { Finding, Severity } from './types.ts';

/** Whether the match is about an investigational treatment, for the rules that only apply then. */
function aboutInvestigational(ctx: CheckContext, sentenceText: string): boolean {
  if ([...ctx.investigational].some((slug) => ctx.names(slug)(sentenceText))) return true;
  // A sentence that names no treatment ("It is FDA approved") is about the document's treatment
  // when every treatment the document is tagged with is investigational.
  return ctx.topics.length > 0 && ctx.topics.every((slug) => ctx.investigational.has(slug));
}

/** Whether the words, read in their sentence, really make the claim; and if so, how serious it is. */
function claimSeverity(rule: ClaimRule, match: PhraseMatch, ctx: CheckContext): Severity | null {
  const { sentence } = match;
  const local = { start: match.start - sentence.start, end: match.end - sentence.start };
  const clause = clauseAround(sentence.text, local.start, local.end, ctx.lang);
  if (isDenied(clause, ctx.lang)) return null;
  if (rule.hedgeIsAllowed && isHedged(clause, ctx.lang)) return null;
  if (isQuotedMention(sentence.block.text, match.start, match.end)) return null;
  // English puts the warning before the claim in the same clause ("be careful if a clinic promises
  // a cure"), so "Beware of imitators: we cure ALS" is not excused; Urdu lists the warned-of
  // claims in clauses of their own after "خطرے کی علامات میں", so the whole sentence is read.
  const warnedIn = ctx.lang === 'ur' ? sentence.text : clause.before;
  if (isWarning(warnedIn, ctx.lang) || (sentence.block.intro && isWarning(sentence.block.intro.text, ctx.lang))) return null;
  if (rule.onlyInvestigational && (isIndirectQuestion(clause, ctx.lang) || !aboutInvestigational(ctx, sentence.text))) return null;
  if (rule.whenCited && ctx.isCited(sentence.block)) return rule.whenCited === 'allowed' ? null : 'warning';
  return rule.severity;
}

function claimFinding(rule: ClaimRule, match: PhraseMatch, ctx: CheckContext, severity: Severity): Finding {
  const cited = severity !== rule.severity ? ' A source is cited: check that it says exactly this, for these patients.' : '';
  return findingAt(ctx, match.sentence.block.offsets[match.start] ?? 0, {
    rule: rule.id,
    severity,
    message: `"${match.words}" ${rule.why}${cited}`,
    suggestion: rule.suggestion,
    words: match.words,
  });
}

export function checkClaims(ctx: CheckContext, rules: ClaimRule[]): Finding[] {
  const findings: Finding[] = [];
  // Every block, the title and summary included: they are what gets shared and shown in search results.
  for (const block of ctx.doc.blocks) {
    for (const sentence of sentencesOf(block, ctx.lang)) {
      for (const rule of rules) {
        for (const match of matchPhrases(rule, sentence, ctx.lang)) {
          const severity = claimSeverity(rule, match, ctx);
          if (severity) findings.push(claimFinding(rule, match, ctx, severity));
        }
      }
    }
  }
  return findings;
}

/** Whether some paragraph carries the standard notice ("Investigational treatment: …"), in the text's language or in English. */
function hasStandardNotice(ctx: CheckContext): boolean {
  const { starts } = investigationalNotice;
  return ctx.doc.blocks.some((b) => b.kind === 'paragraph' && (starts[ctx.lang].test(b.text) || starts.en.test(b.text)));
}

/** Whether a paragraph or list item names the treatment and says it is experimental, unproven or not approved. */
function explainsStatus(ctx: CheckContext, slug: string): boolean {
  const names = ctx.names(slug);
  return ctx.doc.blocks.some((b) => b.kind !== 'heading' && names(b.text) && investigationalNotice.statusWords[ctx.lang].test(b.text));
}

export function checkInvestigationalNotice(ctx: CheckContext): Finding[] {
  if (hasStandardNotice(ctx)) return [];
  const at = ctx.doc.title?.offsets[0] ?? ctx.doc.bodyOffset;
  return ctx.topics
    .filter((slug) => ctx.investigational.has(slug))
    .filter((slug) => ctx.offered.has(slug) || !explainsStatus(ctx, slug))
    .map((slug) =>
      findingAt(ctx, at, {
        rule: investigationalNotice.id,
        severity: investigationalNotice.severity,
        message: `This ${ctx.kind} ${investigationalNotice.why} (topic: ${slug}${ctx.offered.has(slug) ? ', which the clinic offers, so the standard notice is required' : ''})`,
        suggestion: investigationalNotice.suggestion,
        words: slug,
      }),
    );
}
