import { randomInt } from 'node:crypto';
import { foldForSearch } from '#src/db/search-folding.ts';
export { isTimeZone } from '#src/platform/time-zone.ts';

/**
 * The rules of a consultation request that need no database: references, urgency, the signals that
 * make a request suspect, and when it must be answered.
 */

export const replyChannels = ['phone', 'whatsapp', 'email'] as const;
export const preferredTimes = ['any', 'morning', 'afternoon', 'evening'] as const;


/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L, 5/S, 2/Z). */
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';
const REFERENCE_LENGTH = 8;

/** A reference a patient can read out: `CS-` and eight characters in two groups, about 2.8 × 10^11 possibilities. */
export function newReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) code += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  return `CS-${code.slice(0, 4)}-${code.slice(4)}`;
}

const REFERENCE_PATTERN = new RegExp(`^CS-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}

function comparable(text: string): string {
  return foldForSearch(text).toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

/**
 * True when the message names one of the emergency signs (settings, English and Urdu), as whole
 * words, whatever the case, punctuation, vowel marks or Arabic letter forms.
 */
export function mentionsEmergency(message: string, signs: readonly string[]): boolean {
  const text = ` ${comparable(message)} `;
  return signs.some((sign) => {
    const s = comparable(sign);
    return s.length > 0 && text.includes(` ${s} `);
  });
}

/**
 * What makes a request suspect. `spam` ones put it in the spam folder (it is kept, never dropped,
 * and no email goes out for it); `review` ones only mark it for a closer look.
 */
export const signalKinds = {
  honeypot: 'spam',
  'too-fast': 'spam',
  'bad-proof-of-work': 'spam',
  'reused-proof-of-work': 'spam',
  'many-from-address': 'spam',
  'no-proof-of-work': 'review',
  'expired-proof-of-work': 'review',
} as const;
export type Signal = keyof typeof signalKinds;

/** A person filling in the form takes longer than this; scripts posting it do not. */
const MIN_FILL_MS = 3000;

export type ProofResult = 'ok' | 'missing' | 'invalid' | 'expired' | 'spent';

export interface Evidence {
  /** The field people never see (hidden by CSS, skipped by screen readers), filled in only by bots. */
  honeypot: string;
  /** Milliseconds between the page's first use and sending, measured by the page's script; undefined without JavaScript. */
  fillMs: number | undefined;
  proof: ProofResult;
  /** More requests from the client's address this hour than a household or a shared mobile network sends. */
  manyFromAddress: boolean;
}

export function signalsOf(e: Evidence): Signal[] {
  const signals: Signal[] = [];
  if (e.honeypot.trim() !== '') signals.push('honeypot');
  if (e.fillMs !== undefined && e.fillMs < MIN_FILL_MS) signals.push('too-fast');
  const proof: Record<ProofResult, Signal | undefined> = { ok: undefined, missing: 'no-proof-of-work', invalid: 'bad-proof-of-work', expired: 'expired-proof-of-work', spent: 'reused-proof-of-work' };
  const proofSignal = proof[e.proof];
  if (proofSignal) signals.push(proofSignal);
  if (e.manyFromAddress) signals.push('many-from-address');
  return signals;
}

export function isSpam(signals: readonly Signal[]): boolean {
  return signals.some((s) => signalKinds[s] === 'spam');
}

/** The moment by which the clinic has promised a first answer. */
export function respondBy(receivedAt: Date, targetHours: number): Date {
  return new Date(receivedAt.getTime() + targetHours * 3_600_000);
}


/** The utm_* tags of the page the form was sent from, at most a few short ones. */
export function utmTags(pageUrl: string): Record<string, string> {
  const at = pageUrl.indexOf('?');
  if (at < 0) return {};
  const tags: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(pageUrl.slice(at + 1))) {
    if (/^utm_(source|medium|campaign|term|content)$/.test(name) && value) tags[name] = value.slice(0, 100);
  }
  return tags;
}

/** The path of one of this site's pages (the page a short form was sent from), or null for anything else. */
export function sitePath(value: string): string | null {
  if (!value.startsWith('/') || value.startsWith('//') || value.length > 500) return null;
  return /^[\w\-./?=&%~+]*$/.test(value) ? value : null;
}

export type Deadline = { state: 'answered'; minutes: number } | { state: 'ok' | 'soon' | 'late'; minutes: number };

/**
 * Where a request stands against the response target: answered (minutes it took), or the minutes
 * left (negative when late), "soon" in the last quarter of the target.
 */
export function deadline(r: { created_at: string; respond_by: string; responded_at: string | null }, now: Date): Deadline {
  const created = Date.parse(r.created_at);
  const due = Date.parse(r.respond_by);
  if (r.responded_at) return { state: 'answered', minutes: Math.round((Date.parse(r.responded_at) - created) / 60_000) };
  const left = Math.round((due - now.getTime()) / 60_000);
  if (left < 0) return { state: 'late', minutes: left };
  return { state: left * 4 <= (due - created) / 60_000 ? 'soon' : 'ok', minutes: left };
}

export const contactOutcomes = ['reached', 'no-answer', 'left-message', 'wrong-number'] as const;
export const closeOutcomes = ['not-suitable', 'no-answer', 'duplicate', 'spam'] as const;
