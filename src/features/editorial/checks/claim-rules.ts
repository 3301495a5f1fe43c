/**
 * The claims rules, as data: what words make an absolute or unsupported health claim, why that
 * misleads a patient, what to write instead, and example sentences that each rule must flag and
 * must leave alone (claim-rules.test.ts runs every example). Reviewers can read this file.
 *
 * How a match is read (claims.ts): a match is dropped when its clause denies it ("there is no
 * cure", "has not been shown to stop"; Urdu "نہیں" anywhere in the clause), when it is a word quoted
 * to talk about it ("words such as "cure""), or when the words before it in its clause (in Urdu,
 * its sentence), or the line that introduces its list, warn readers about such claims ("Be careful
 * if a clinic promises a cure"; "Be very careful if a clinic: – promises a cure"). Approval
 * words in an indirect question ("ask whether it is approved") state nothing.
 * Patterns are case-insensitive; Urdu text is searched with the Urdu and the English patterns.
 */
import { urduWords } from './context.ts';
import type { PhraseRule, RuleExamples } from './rule-matcher.ts';
import type { Lang, Severity } from './types.ts';

export interface ClaimRule extends PhraseRule {
  /**
   * What a citation marker [n] in the same paragraph changes. 'allowed': the words stand, the
   * reviewer checks them against the source ("clinically proven [2]"). 'warning': the claim is
   * strong enough that even a cited one is shown to the reviewer, as a warning ("some causes of
   * memory loss can be reversed [3]" is true; "reverses ALS [1]" citing a clinic's own survey is
   * not). Absent: no source makes the words acceptable ("100% safe").
   */
  whenCited?: 'allowed' | 'warning';
  /** "usually painless": a hedge before the words makes them a description, not a promise. */
  hedgeIsAllowed?: boolean;
  /**
   * Only about an investigational treatment (a topic whose evidence is trials or unproven): when
   * the sentence names one, or when every topic the document is tagged with is one.
   */
  onlyInvestigational?: boolean;
}

const ADVERTISING = 'health advertising rules forbid';

export const claimRules: ClaimRule[] = [
  {
    id: 'claims/cure',
    severity: 'error',
    whenCited: 'warning',
    patterns: {
      en: [
        /\bcur(?:e|es|ed|ing|ative)\b/i,
        /\bheal(?:s|ed|ing)?\s+(?:completely|fully|for good|permanently)\b/i,
        /\b(?:get(?:s|ting)? rid of|eliminat\w*|eradicat\w*)\s+(?:\w+\s+){0,2}?(?:disease|illness|condition|ALS|MND|Parkinson'?s|for good)\b/i,
        /\bpermanent(?:ly)?\s+(?:fix|solution|recovery|relief)\b/i,
      ],
      ur: [urduWords('شفا|شفایاب|مکمل علاج|مستقل علاج|جڑ سے ختم|مکمل صحت یاب(?:ی)?|مکمل طور پر ٹھیک')],
    },
    why: `promises a cure. No treatment is known to cure conditions like ALS or Parkinson's disease, so the words give false hope, and ${ADVERTISING} claims of cure.`,
    suggestion: 'Say what the treatment can do, for whom and how much, with a source ("may slow …", "can ease …"). If there is no cure, say so plainly.',
    examples: {
      en: {
        flagged: [
          'Our stem-cell programme cures ALS.',
          'Beware of imitators: only we cure ALS.',
          "This treatment is a cure for Parkinson's disease.",
          'Most patients are cured in one visit.',
          'Get rid of the disease for good.',
        ],
        passed: [
          'There is no cure for ALS yet.',
          'Riluzole does not cure ALS.',
          'No treatment can cure the disease at present.',
          'A cure is not yet available.',
          'Our software flags words such as "cure" for the reviewer.',
          'Be careful if a clinic promises a cure.',
          'We never promise cures.',
        ],
      },
      ur: {
        flagged: ['ہمارا علاج اے ایل ایس سے مکمل شفا دیتا ہے۔'],
        passed: ['اے ایل ایس کا ابھی کوئی علاج (cure) نہیں۔', 'یہ دوا بیماری سے شفا نہیں دیتی۔'],
      },
    },
  },
  {
    id: 'claims/reverse',
    severity: 'error',
    whenCited: 'warning',
    patterns: {
      en: [
        /\brevers(?:e|es|ed|ing|al)\b/i,
        /\b(?:regrow|regenerat|rebuild|repair|restor)\w*\s+(?:\w+\s+){0,2}?(?:nerves?|neurones?|neurons?|nerve cells|brain cells|spinal cord|damage)\b/i,
        /\bbring(?:s|ing)?\s+back\s+(?:\w+\s+)?(?:strength|movement|function|speech|nerves?)\b/i,
      ],
      ur: [urduWords('واپس لا(?:تی|تا|تے|ئے|ئیں)|ریورس|دوبارہ پیدا کر(?:تی|تا|تے)')],
    },
    why: `promises to undo damage that, as far as the evidence shows, cannot be undone; ${ADVERTISING} claims that a treatment restores health it cannot restore.`,
    suggestion: 'Describe the realistic aim ("help you keep your strength for longer", "ease stiffness") and cite the evidence for it.',
    examples: {
      en: {
        flagged: ['Our therapy reverses ALS.', 'The injections regenerate damaged nerves.', 'It brings back lost strength within weeks.'],
        passed: [
          'No treatment can reverse ALS.',
          'It does not bring back lost strength.',
          'Riluzole has not been shown to reverse the disease.',
          'Physiotherapy can help restore movement after a stroke.',
        ],
      },
      ur: {
        flagged: ['یہ علاج کھوئی ہوئی طاقت واپس لاتا ہے۔'],
        passed: ['یہ دوا کھوئی ہوئی طاقت واپس نہیں لاتی۔'],
      },
    },
  },
  {
    id: 'claims/stop-disease',
    severity: 'error',
    whenCited: 'warning',
    patterns: {
      en: [
        /\b(?:stop|stops|stopped|stopping|halt|halts|halted|halting|arrest|arrests|arrested|freez\w*)\s+(?:the\s+|its\s+|your\s+|further\s+)?(?:disease|illness|condition|progression|progress|decline|degeneration|deterioration|ALS|MND|Parkinson'?s)\b/i,
        /\bin\s+its\s+tracks\b/i,
      ],
      ur: [urduWords('(?:(?:بیماری|مرض) کو|بڑھنے سے) روک(?:تی|تا|تے|ے| دیتی| دیتا| دیتے| دیں)')],
    },
    why: `says the treatment stops the disease. No treatment has been shown to stop ALS or Parkinson's disease from progressing; ${ADVERTISING} claims that overstate what a treatment does.`,
    suggestion: 'Say what trials found and how much ("in one trial, people lost function more slowly over six months [n]"), or say that nothing is known to stop it.',
    examples: {
      en: {
        flagged: ['Our stem cells stop ALS in its tracks.', "This therapy halts the progression of Parkinson's."],
        passed: [
          'No treatment has been shown to stop ALS.',
          'Riluzole has not been shown to stop the disease, but it may slow it a little.',
          'Ask your doctor before you stop your other treatment.',
        ],
      },
      ur: {
        flagged: ['ہمارا علاج بیماری کو روک دیتا ہے۔'],
        passed: ['یہ دوا بیماری کو روکتی یا واپس نہیں کرتی۔'],
      },
    },
  },
  {
    id: 'claims/guarantee',
    severity: 'error',
    patterns: {
      en: [
        /\bguarante\w*/i,
        /\b(?:assured|certain)\s+(?:results?|recovery|success|improvement|cure)\b/i,
        /\b(?:always|never fails to)\s+(?:works?|helps?|succeeds?|improves?)\b/i,
        /\bworks?\s+for\s+(?:everyone|everybody|all patients|every patient)\b/i,
      ],
      ur: [urduWords('گارنٹی|ضمانت|یقینی (?:نتائج|شفا|علاج|بہتری|کامیابی)')],
    },
    why: `promises a result. How a disease goes differs from person to person and no honest clinic can promise an outcome; ${ADVERTISING} guaranteed results.`,
    suggestion: 'Describe the chance of benefit and its size from the evidence, and say that results differ from person to person.',
    examples: {
      en: {
        flagged: ['Results are guaranteed.', 'We guarantee improvement.', 'This treatment always works.', 'It works for everyone.'],
        passed: ['There is no guarantee that a treatment will help.', 'No doctor can guarantee how the disease will go.', 'We do not guarantee results.'],
      },
      ur: {
        flagged: ['ہم بہتری کی گارنٹی دیتے ہیں۔'],
        passed: ['کوئی ڈاکٹر نتیجے کی ضمانت نہیں دے سکتا۔'],
      },
    },
  },
  {
    id: 'claims/hundred-percent',
    severity: 'error',
    patterns: {
      en: [
        /(?:\b100\s?%|\b(?:100|one hundred)\s+(?:percent|per cent)\b)\s*(?:safe|effective|success\w*|natural|results?|recovery|guaranteed|cure\w*|risk[- ]free|painless|satisf\w*)\b/i,
      ],
      ur: [urduWords('(?:100|۱۰۰|سو)\\s?(?:%|فیصد)')],
    },
    why: `claims certainty that no medical treatment has: every treatment can fail or cause harm in some people, and ${ADVERTISING} claims of complete safety or success.`,
    suggestion: 'Give the real figures from a named study, with the source ("in the trial, 3 in 100 people had …").',
    examples: {
      en: {
        flagged: ['Our treatment is 100% safe.', 'A 100 % success rate.', 'It is 100 percent natural and effective.'],
        passed: ['No treatment is 100% safe.', 'In the trial, everyone received the full dose [1].'],
      },
      ur: {
        flagged: ['یہ علاج سو فیصد محفوظ ہے۔'],
        passed: ['کوئی علاج سو فیصد محفوظ نہیں۔'],
      },
    },
  },
  {
    id: 'claims/no-side-effects',
    severity: 'error',
    patterns: {
      en: [
        /\b(?:no|zero)\s+(?:known\s+)?(?:side[- ]effects?|risks?|complications?|dangers?|downsides?)\b/i,
        /\bwithout\s+(?:any\s+)?(?:side[- ]effects?|risks?|complications?)\b/i,
        /\b(?:free\s+(?:of|from)\s+(?:side[- ]effects?|risks?|complications?)|side[- ]effect[- ]free|risk[- ]free)\b/i,
      ],
      ur: [urduWords('کوئی (?:سائیڈ ایفیکٹ|مضر اثر(?:ات)?|نقصان|خطرہ|رسک)\\s+نہیں|(?:سائیڈ ایفیکٹ|مضر اثرات|خطرے) کے بغیر|بے ضرر')],
    },
    why: `says there are no side effects or risks. Every treatment that does something can also cause harm, and patients need the risks to decide; ${ADVERTISING} hiding or denying risks.`,
    suggestion: 'Name the common and the serious side effects and how often they happen, with a source.',
    examples: {
      en: {
        flagged: ['The injection has no side effects.', 'A risk-free procedure.', 'It works without any side effects.'],
        passed: ['No medicine is free of side effects.', 'Every treatment has risks, and no treatment is risk-free.'],
      },
      ur: {
        flagged: ['اس علاج کا کوئی مضر اثر نہیں۔'],
        passed: ['عام مضر اثرات میں تھکاوٹ اور متلی شامل ہیں۔'],
      },
    },
  },
  {
    id: 'claims/completely-safe',
    severity: 'error',
    patterns: {
      en: [/\b(?:completely|totally|perfectly|absolutely|entirely|fully)\s+safe\b/i, /\bsafe\s+for\s+(?:everyone|everybody|all|anyone)\b/i, /\bharmless\b/i],
      ur: [urduWords('(?:مکمل|بالکل)(?: طور پر)? محفوظ|بے خطر')],
    },
    why: `says the treatment is completely safe. No procedure or medicine is safe for everyone; ${ADVERTISING} claims of complete safety.`,
    suggestion: 'Say what is known about its safety, including the side effects and who should not have it, with a source.',
    examples: {
      en: {
        flagged: ['The procedure is completely safe.', 'Stem cells are safe for everyone.', 'It is totally harmless.'],
        passed: ['No procedure is completely safe.', 'It is generally safe, but it can cause side effects [1].'],
      },
      ur: {
        flagged: ['یہ طریقہ بالکل محفوظ ہے۔'],
        passed: ['کوئی طریقۂ علاج بالکل محفوظ نہیں۔'],
      },
    },
  },
  {
    id: 'claims/painless',
    severity: 'error',
    hedgeIsAllowed: true,
    patterns: {
      en: [
        /\b(?:completely|totally|entirely|fully|100\s?%)\s+(?:non[- ]?invasive|painless|pain[- ]free)\b/i,
        /\b(?:painless|pain[- ]free)\s+(?:procedure|treatment|therapy|injections?|operation|surgery|method)s?\b/i,
        /\b(?:procedure|treatment|therapy|injections?|operation|surgery)\s+(?:is|are)\s+(?:painless|pain[- ]free)\b/i,
      ],
      ur: [urduWords('(?:مکمل|بالکل)(?: طور پر)? (?:بے درد|بغیر درد|بغیر آپریشن)|بے درد (?:علاج|طریقہ)')],
    },
    why: `says the procedure is completely painless or non-invasive. Injections into the spine or blood carry pain and risk, and ${ADVERTISING} playing down what a procedure involves.`,
    suggestion: 'Describe what the procedure involves, what it feels like for most people, and its risks ("an injection into the fluid around the spinal cord; it can cause headache").',
    examples: {
      en: {
        flagged: ['A completely non-invasive treatment.', 'Our painless procedure takes one hour.', 'The injections are pain-free.'],
        passed: [
          'Non-invasive ventilation is a small machine that pushes air through a mask.',
          'The weakness is usually painless.',
          'The procedure is usually painless, but it can be uncomfortable for a moment.',
        ],
      },
      ur: {
        flagged: ['یہ بالکل بے درد علاج ہے۔'],
        passed: ['یہ ٹیسٹ چند لمحوں کے لیے تکلیف دہ ہو سکتا ہے۔'],
      },
    },
  },
  {
    id: 'claims/clinically-proven',
    severity: 'error',
    whenCited: 'allowed',
    patterns: {
      en: [
        /\b(?:clinically|scientifically|medically)[\s-]+(?:proven|tested|validated|shown)\b/i,
        /\bproven\s+(?:to\s+\w+|effective|results?|treatments?|therap(?:y|ies)|cure|safe|success)\b/i,
        /\b(?:backed|supported)\s+by\s+(?:science|research|studies)\b/i,
      ],
      ur: [urduWords('(?:طبی|سائنسی|کلینیکل) طور پر ثابت(?: شدہ)?|ثابت شدہ (?:علاج|نتائج)')],
    },
    why: `says the treatment is proven without a source in the paragraph. Patients cannot check a proof they are not shown, and ${ADVERTISING} claims of proof that are not backed by evidence.`,
    suggestion: 'Cite the trial or review right there [n] and say what it found, or say that it has not been proven.',
    examples: {
      en: {
        flagged: ['Our therapy is clinically proven.', 'A proven treatment for ALS.', 'Backed by science.'],
        passed: ['Riluzole is clinically proven to lengthen survival by a few months [2].', 'No stem-cell treatment has been proven to slow ALS.', 'It has not been proven to work.'],
      },
      ur: {
        flagged: ['یہ طبی طور پر ثابت شدہ علاج ہے۔'],
        passed: ['یہ علاج ابھی ثابت شدہ نہیں۔'],
      },
    },
  },
  {
    id: 'claims/vague-evidence',
    severity: 'error',
    whenCited: 'allowed',
    patterns: {
      en: [
        /\b(?:heaps|lots|loads|tons|plenty|a lot|a wealth|a mountain)\s+of\s+(?:\w+\s+)?(?:evidence|research|studies|proof|data)\b/i,
        /\b(?:overwhelming|extensive|growing|mounting)\s+(?:\w+\s+)?(?:evidence|research|proof)\b/i,
        /\b(?:countless|numerous|many|several)\s+(?:\w+\s+)?(?:studies|trials|papers)\s+(?:show|prove|confirm|have shown)\b/i,
        /\b(?:studies|research|science|doctors|experts)\s+(?:show|shows|prove|proves|confirm|confirms|agree|have shown)\b/i,
      ],
      ur: [urduWords('(?:بہت سے|بے شمار|ڈھیروں|بہت زیادہ) (?:طبی )?(?:شواہد|ثبوت|تحقیقات)|تحقیق سے ثابت')],
    },
    why: `points at evidence without naming it. Vague talk of "evidence" sounds scientific but cannot be checked, and ${ADVERTISING} claims that rest on evidence the reader is not shown.`,
    suggestion: 'Name the study (who, how many people, what it found) and cite it [n], or leave the sentence out.',
    examples: {
      en: {
        flagged: ['There is heaps of clinical evidence for our method.', 'Studies show it works.', 'Countless studies prove its benefits.'],
        passed: ['A review that pooled several trials found a modest benefit [3].', 'Studies show a modest benefit [3].'],
      },
      ur: {
        flagged: ['اس علاج کے بارے میں بے شمار شواہد موجود ہیں۔'],
        passed: ['ایک بڑی تحقیق میں معمولی فائدہ دیکھا گیا [1]۔'],
      },
    },
  },
  {
    id: 'claims/typical-results',
    severity: 'error',
    whenCited: 'allowed',
    patterns: {
      en: [
        /\b(?:most|many|nearly all|almost all|all|the majority)\s+(?:of\s+)?(?:our\s+)?(?:patients|clients|cases)\s+(?:\w+\s+)?(?:(?:walk|recover|improve|regain|respond)\w*|get better|are cured|(?:see|feel|notice)\s+(?:\w+\s+)?(?:results?|improvement|a difference|benefits?|better))/i,
        /\bsuccess\s+rates?\b/i,
        /\b\d{2,3}\s?%\s+(?:of\s+)?(?:our\s+)?(?:patients|people|clients)\s+(?:\w+\s+)?(?:improve|recover|respond|walk|get better)\w*/i,
      ],
      ur: [urduWords('(?:زیادہ تر|اکثر|تمام|بیشتر) مریض (?:\\S+ )?(?:ٹھیک|صحت یاب|چلنے|بہتر)')],
    },
    why: `presents good results as what patients should expect, without a source. Results differ a lot between people, and ${ADVERTISING} presenting the best outcomes as typical.`,
    suggestion: 'Say what happened in a named study, to whom, and how many did not benefit, and cite it [n].',
    examples: {
      en: {
        flagged: ['Most patients walk again after treatment.', 'Nearly all of our patients improve.', 'Our success rate is 95%.'],
        passed: [
          'Most people do not feel a difference day to day.',
          'In the trial, most patients improved a little on the drug [4].',
          'Most patients see a neurologist within a few weeks of their first symptoms.',
        ],
      },
      ur: {
        flagged: ['ہمارے زیادہ تر مریض ٹھیک ہو جاتے ہیں۔'],
        passed: ['زیادہ تر لوگوں کو روزمرہ میں کوئی فرق محسوس نہیں ہوتا۔'],
      },
    },
  },
  {
    id: 'claims/promised-results',
    severity: 'error',
    patterns: {
      en: [
        /\byou\s+will\s+(?:\w+\s+)?(?:walk|recover|improve|get better|be cured|regain|(?:see|feel|notice)\s+(?:\w+\s+)?(?:results?|improvement|a difference|benefits?|better|a change))\b/i,
        /\b(?:results?|improvements?|recovery|a difference)\s+(?:with)?in\s+(?:(?:a\s+few|few|\d+|two|three|four)\s+)?(?:days|weeks|months|sessions|visits)\b/i,
        /\bwalk(?:s|ing)?\s+again\b/i,
        /\bback\s+to\s+normal\b/i,
      ],
      ur: [urduWords('دوبارہ چل(?:نے|یں|نا)|(?:دنوں|ہفتوں) میں (?:نتائج|بہتری|فرق)')],
    },
    why: `promises the reader a result or a time to it. Nobody can promise how one person will respond, and ${ADVERTISING} promises of results.`,
    suggestion: 'Describe what may happen, how likely it is and for whom, from a named study, and say that many people see no change.',
    examples: {
      en: {
        flagged: ['You will see results in weeks.', 'Patients are walking again within a month.', 'Improvement within two weeks.'],
        passed: ['You may notice a small change, or none at all.', 'Your neurologist will check your breathing regularly.', 'You will see a nurse first.'],
      },
      ur: {
        flagged: ['علاج کے بعد مریض دوبارہ چلنے لگتے ہیں۔'],
        passed: ['آپ کا نیورولوجسٹ باقاعدگی سے آپ کی سانس چیک کرے گا۔'],
      },
    },
  },
  {
    id: 'claims/pressure',
    severity: 'error',
    patterns: {
      en: [
        /\blimited\s+(?:\w+\s+)?(?:slots?|places|spaces|spots|seats|offer|time only|availability)\b/i,
        /\bbook\s+(?:now|today|immediately|right away)\b/i,
        // Not "act fast" or "call now": that is how emergency advice (stroke, choking) is written.
        /\b(?:hurry|register|sign up|apply|enrol|enroll)\s+(?:now|today|fast|quickly)\b/i,
        /\bbefore\s+it'?s\s+too\s+late\b/i,
        /\b(?:only|just)\s+\d+\s+(?:\w+\s+)?(?:slots?|places|spots|seats)\s+(?:left|remaining)\b/i,
        /\b(?:offer|discount)\s+ends\b/i,
        /\blast\s+chance\b/i,
        /\bdon'?t\s+miss\s+(?:out|this)\b/i,
      ],
      ur: [urduWords('محدود (?:نشستیں|سیٹیں|جگہیں|وقت|پیشکش)|(?:آج ہی|ابھی) (?:بکنگ|بک) کر(?:یں|وائیں)|جلدی کریں')],
    },
    why: `pushes the reader to decide fast. A frightened patient needs time to think and to ask their own doctor, and ${ADVERTISING} pressure and false urgency.`,
    suggestion: 'Tell readers how to ask a question or book when they are ready, and invite them to talk it over with their own doctor first.',
    examples: {
      en: {
        flagged: ['Limited slots — book today!', 'Only 3 places left this month.', "Act now before it's too late."],
        passed: [
          'You can book a consultation by phone or WhatsApp.',
          'If you have an emergency, do not wait for a reply from us.',
          'If you see signs of a stroke, act fast and call 1122 now.',
        ],
      },
      ur: {
        flagged: ['محدود نشستیں، آج ہی بکنگ کریں!'],
        passed: ['آپ فون یا واٹس ایپ پر ملاقات کا وقت لے سکتے ہیں۔'],
      },
    },
  },
  {
    id: 'claims/testimonial-proof',
    severity: 'error',
    patterns: {
      en: [
        /\b(?:living|real)\s+proof\b/i,
        /\b(?:testimonials?|reviews|stories|videos)\s+(?:\w+\s+)?(?:prove|proves|show that|are proof|speak for themselves)\b/i,
        /\b(?:stories|testimonials?|videos)\s+(?:as|are)\s+(?:evidence|proof)\b/i,
        /\breal\s+results\s+from\s+real\s+(?:patients|people)\b/i,
        /\bsee\s+(?:the|their|our)\s+results\s+for\s+yourself\b/i,
        /\bbefore[- ]and[- ]after\b/i,
      ],
      ur: [urduWords('(?:کہانیاں|ویڈیوز|تاثرات) (?:\\S+ ){0,2}ثبوت')],
    },
    why: `offers patient stories as proof. One person's experience cannot show that a treatment works (people improve or worsen for many reasons), and ${ADVERTISING} testimonials presented as evidence.`,
    suggestion: 'Keep stories as experiences, with a note that results differ, and base any claim about benefit on published trials.',
    examples: {
      en: {
        flagged: ['Our patients are living proof that it works.', 'Watch the videos: the testimonials prove it.', 'Real results from real patients.'],
        passed: ['We do not use patient stories as evidence that a treatment works.', 'Stories can help families feel less alone.'],
      },
      ur: {
        flagged: ['ہمارے مریضوں کی ویڈیوز اس کا ثبوت ہیں۔'],
        passed: ['مریضوں کی کہانیاں دوسروں کو حوصلہ دے سکتی ہیں۔'],
      },
    },
  },
  {
    id: 'claims/approval',
    severity: 'error',
    onlyInvestigational: true,
    patterns: {
      en: [
        /\b(?:FDA|DRAP|EMA|MHRA|government|ministry)[\s-]+(?:approved|approval|cleared|certified|registered|licensed)\b/i,
        /\bapproved\s+by\s+(?:the\s+)?(?:US\s+)?(?:FDA|DRAP|EMA|MHRA|regulators?|government)\b/i,
        /\b(?:is|are|was|were|been|be|being|got|gets|received|receives|has|have|gained|won)\s+(?:(?!not\b|never\b)\w+\s+){0,2}?(?:approved|approval|licensed|authori[sz]ed)\b(?!\s+(?:clinical\s+)?(?:trials?|stud(?:y|ies)|research)\b)(?!\s+by\s+(?:an?\s+)?ethic)/i,
      ],
      ur: [
        urduWords('(?:ایف ڈی اے|ڈریپ)(?: سے)? (?:منظور شدہ|کی منظوری|سے منظور)'),
        urduWords('منظور(?: شدہ)? (?:ہے|ہیں|تھی|تھا|تھے)|منظوری (?:حاصل|مل|دی)|منظور (?:کر لی|کر لیا|کی گئی|کیا گیا|ہو چکی|ہو گئی)'),
      ],
    },
    why: `says the treatment is approved, but its evidence status is trials or unproven: no regulator has approved it for this use. ${ADVERTISING.charAt(0).toUpperCase()}${ADVERTISING.slice(1)} false claims of approval.`,
    suggestion: 'Say what its status is: "not approved for this condition; available only in registered clinical trials". If an approval exists, cite the regulator\'s decision [n] and correct the topic\'s evidence status.',
    examples: {
      en: {
        flagged: ['Our stem-cell therapy is FDA approved.', 'Stem cell treatment has been approved by DRAP.'],
        passed: [
          'Riluzole is approved for ALS in many countries [1].',
          'No stem-cell treatment is approved for ALS.',
          'Stem-cell therapy is not FDA approved.',
          'Trials must be approved by an ethics committee.',
          'Ask whether the stem-cell product is approved where you live.',
        ],
      },
      ur: {
        flagged: ['ہماری اسٹیم سیل تھراپی ایف ڈی اے سے منظور شدہ ہے۔'],
        passed: ['اسٹیم سیل علاج صرف منظور شدہ تحقیقی آزمائشوں میں دیا جانا چاہیے۔', 'اسٹیم سیل علاج اے ایل ایس کے لیے منظور نہیں ہے۔'],
      },
    },
  },
];

/**
 * The notice an article or page tagged with an investigational treatment must carry. The standard
 * form is a paragraph or block quote that starts with `starts` ("Investigational treatment: …",
 * "تجرباتی علاج: …"). A text that explains the status in its own words also passes: a paragraph or
 * list item that names the treatment and says it is experimental, unproven or not approved. A page
 * about a treatment the clinic itself offers must use the standard form, because it is advertising.
 */
export interface NoticeRule {
  id: string;
  severity: Severity;
  starts: Record<Lang, RegExp>;
  /** Words that state the status in a sentence naming the treatment. */
  statusWords: Record<Lang, RegExp>;
  why: string;
  suggestion: string;
  /** Whole documents (front matter included), checked with the test context's topics. */
  examples: Partial<Record<Lang, RuleExamples>>;
}

export const investigationalNotice: NoticeRule = {
  id: 'claims/investigational-notice',
  severity: 'error',
  starts: { en: /^\s*investigational treatment\b/i, ur: /^\s*تجرباتی علاج/u },
  statusWords: {
    en: /\b(?:experimental|investigational|unproven|not\s+(?:yet\s+)?(?:been\s+)?(?:proven|approved|shown)|none\s+(?:is|has\s+been)\s+(?:approved|proven)|no\s+[\w-]+(?:\s[\w-]+)?\s+(?:treatment|therapy)\s+(?:is|has\s+been)\s+(?:proven|shown|approved))\b/i,
    ur: urduWords('تجرباتی|غیر ثابت شدہ|ثابت نہیں|منظور نہیں|ثابت شدہ نہیں'),
  },
  why: 'is tagged with a treatment whose evidence is trials or unproven, but the text never tells readers that it is investigational. A patient may take it for an established treatment.',
  suggestion:
    'Add a paragraph that starts "Investigational treatment:" (Urdu: "تجرباتی علاج:") and says that it is not proven or approved for this condition and should only be given in a registered clinical trial.',
  examples: {
    en: {
      flagged: ['---\ntitle: Stem cells\ntreatments: [stem-cell-therapy]\n---\nWe offer stem-cell therapy in Lahore.\n'],
      passed: [
        '---\ntitle: Stem cells\ntreatments: [stem-cell-therapy]\n---\n> Investigational treatment: stem-cell therapy is not approved for ALS and is offered only in a registered trial.\n',
        '---\ntitle: Stem cells\ntreatments: [stem-cell-therapy]\n---\nNo stem-cell treatment has been proven to slow ALS, and none is approved for it.\n',
      ],
    },
    ur: {
      flagged: ['---\ntitle: اسٹیم سیل\ntreatments: [stem-cell-therapy]\n---\nہم لاہور میں اسٹیم سیل تھراپی کرتے ہیں۔\n'],
      passed: ['---\ntitle: اسٹیم سیل\ntreatments: [stem-cell-therapy]\n---\nتجرباتی علاج: اسٹیم سیل تھراپی اے ایل ایس کے لیے منظور نہیں۔\n'],
    },
  },
};
