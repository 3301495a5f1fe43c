/**
 * Respectful language, as data: words that reduce a person to their condition or cast them as
 * helpless, with what to write instead, and sentences each rule must flag and must leave alone
 * (language-rules.test.ts runs them). The list is short and curated rather than a general
 * "insensitive words" list, so that medical terms ("diabetic foot", "disabled parking",
 * "the patient was disabled by the stroke") stay quiet. A word quoted to talk about it is never
 * flagged. Urdu text is searched with the Urdu and the English patterns.
 */
import { urduWords } from './context.ts';
import type { PhraseRule } from './rule-matcher.ts';

export const languageRules: PhraseRule[] = [
  {
    id: 'language/suffers-from',
    severity: 'warning',
    patterns: {
      en: [/\bsuffer(?:s|ed|ing)?\s+(?:from|with)\b/i, /\b(?:ALS|MND|Parkinson'?s|stroke|dementia|epilepsy|cancer|disease)\s+sufferers?\b/i, /\bsufferers?\s+of\b/i],
    },
    why: 'describes the person as suffering. Many people with a condition do not see their lives that way, and the words add pity the reader did not ask for.',
    suggestion: 'Write "has ALS", "lives with Parkinson\'s", "people with epilepsy".',
    examples: {
      en: {
        flagged: ['People who suffer from ALS need a team.', 'ALS sufferers often lose weight.', 'He is suffering with Parkinson\'s disease.'],
        passed: ['People with ALS need a team.', 'Some people have pain; tell your doctor about it.'],
      },
    },
  },
  {
    id: 'language/victim',
    severity: 'warning',
    patterns: {
      en: [/\bvictims?\s+of\s+(?:ALS|MND|Parkinson'?s|(?:a\s+)?stroke|dementia|epilepsy|the disease|disease|(?:a\s+|an\s+)?illness)\b/i, /\b(?:ALS|stroke|polio|dementia|Parkinson'?s)\s+victims?\b/i, /\b(?:afflicted|stricken)\s+(?:with|by)\b/i],
      ur: [urduWords('(?:بیماری|مرض)\\s+(?:کا|کی|کے)\\s+شکار')],
    },
    why: 'casts the person as a victim. People with a condition are not its victims, and the word takes away their part in their own care.',
    suggestion: 'Write "a person with ALS", "someone who has had a stroke".',
    examples: {
      en: {
        flagged: ['Victims of ALS lose strength.', 'Stroke victims need rehabilitation.', 'Those afflicted with Parkinson\'s shake.'],
        passed: ['A person who has had a stroke may need rehabilitation.', 'Victims of the earthquake were treated here.'],
      },
      ur: {
        flagged: ['وہ اس بیماری کا شکار ہیں۔'],
        passed: ['انہیں یہ بیماری ہے۔'],
      },
    },
  },
  {
    id: 'language/wheelchair-bound',
    severity: 'warning',
    patterns: { en: [/\bwheelchair[- ]bound\b/i, /\bconfined\s+to\s+(?:a\s+)?wheelchairs?\b/i, /\bbed[- ]?bound\b/i] },
    why: 'describes a wheelchair as a prison. For its user a wheelchair is freedom to move, not a confinement.',
    suggestion: 'Write "uses a wheelchair", "stays in bed most of the day".',
    examples: {
      en: {
        flagged: ['Later, many patients are wheelchair-bound.', 'She has been confined to a wheelchair since 2020.'],
        passed: ['Later, many people use a wheelchair.', 'A wheelchair can help you stay independent.'],
      },
    },
  },
  {
    id: 'language/the-disabled',
    severity: 'warning',
    patterns: {
      en: [/\bthe\s+(?:disabled|handicapped|crippled|invalids?)\b(?!\s+(?:parking|toilet|access|entrance|bay|bays|space|spaces))/i, /\b(?:a\s+)?cripples?\b/i, /\bhandicapped\b(?!\s+(?:parking|toilet|access))/i],
      ur: [urduWords('اپاہج|لنگڑا|لولا')],
    },
    why: 'names people by a disability, or uses words many disabled people find demeaning.',
    suggestion: 'Write "disabled people" or "people with disabilities", and name the need ("people who cannot climb stairs").',
    examples: {
      en: {
        flagged: ['The clinic has ramps for the disabled.', 'He was a cripple after the accident.', 'Handicapped patients are seen first.'],
        passed: ['The clinic has ramps for people who use wheelchairs.', 'There is disabled parking at the entrance.'],
      },
      ur: {
        flagged: ['وہ اپاہج ہو گئے۔'],
        passed: ['وہ وہیل چیئر استعمال کرتے ہیں۔'],
      },
    },
  },
  {
    id: 'language/condition-as-noun',
    severity: 'warning',
    patterns: {
      en: [
        /\b(?:diabetics|epileptics|asthmatics|paraplegics|quadriplegics|spastics|schizophrenics|anorexics)\b/i,
        /\b(?:an?|the|is|are|as)\s+(?:diabetic|epileptic|asthmatic|paraplegic|quadriplegic|spastic|schizophrenic)\b(?!\s+[\p{L}])/iu,
      ],
    },
    why: 'names the person by their condition. The condition is one thing about them, not who they are.',
    suggestion: 'Write "a person with diabetes", "people with epilepsy".',
    examples: {
      en: {
        flagged: ['Diabetics should check their feet.', 'My father is an epileptic.', 'He is diabetic.'],
        passed: ['People with diabetes should check their feet.', 'Diabetic foot problems need care.', 'An epileptic seizure can look frightening.'],
      },
    },
  },
  {
    id: 'language/dementia-words',
    severity: 'warning',
    patterns: { en: [/\b(?:demented|senile)\b/i, /\bretard(?:ed|s)?\b/i], ur: [urduWords('پاگل|سٹھیا')] },
    why: 'is an insult, not a description: these words were once medical terms and are now used to mock.',
    suggestion: 'Write "a person with dementia", "a person with a learning disability", or describe the change ("memory problems").',
    examples: {
      en: {
        flagged: ['Some patients become demented.', 'Old people often go senile.'],
        passed: ['A smaller number develop a type of dementia.', 'Memory problems can come later.'],
      },
      ur: {
        flagged: ['لوگ انہیں پاگل کہتے تھے۔'],
        passed: ['بعض لوگوں کی یادداشت کمزور ہو جاتی ہے۔'],
      },
    },
  },
  {
    id: 'language/committed-suicide',
    severity: 'warning',
    patterns: { en: [/\bcommit(?:s|ted|ting)?\s+suicide\b/i] },
    why: '"commit" frames suicide as a crime or a sin, which adds to the shame that stops people asking for help.',
    suggestion: 'Write "died by suicide" or "took their own life", and give a helpline.',
    examples: {
      en: {
        flagged: ['He committed suicide last year.'],
        passed: ['He died by suicide last year.'],
      },
    },
  },
];
