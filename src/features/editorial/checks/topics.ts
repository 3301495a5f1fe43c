/**
 * Whether a sentence is about a topic: its slug's words ("stem-cell-therapy" → "stem cell") or the
 * names patients read (title, also-known-as, both languages), with the generic tail dropped so
 * that "stem cells" and "stem-cell treatment" both name stem-cell therapy.
 */
const GENERIC_TAIL = /\s+(?:therapy|therapies|treatment|treatments|علاج|تھراپی)$/u;
// "Stem-cell therapy for ALS" names the therapy; "اے ایل ایس کے لیے اسٹیم سیل تھراپی" puts "for ALS" first.
const FOR_SUFFIX = /\s+for\s+.*$/u;
const UR_FOR_PREFIX = /^.*\sکے لیے\s+/u;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[-‐_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function variants(name: string): string[] {
  const out = new Set<string>();
  const add = (v: string): void => {
    const n = normalise(v);
    if (n.length < 3) return;
    out.add(n);
    const bare = n.replace(FOR_SUFFIX, '').replace(UR_FOR_PREFIX, '');
    const core = bare.replace(GENERIC_TAIL, '');
    for (const x of [bare, core]) if (x.length >= 3) out.add(x);
  };
  // "Deep brain stimulation (DBS)" is two names.
  const bracket = /\(([^)]+)\)/.exec(name);
  if (bracket?.[1]) add(bracket[1]);
  add(name.replace(/\([^)]*\)/g, ' '));
  return [...out];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A test for "this text names the topic". */
export function topicMatcher(slug: string, names: string[] = []): (text: string) => boolean {
  const all = [...new Set([slug, ...names].flatMap(variants))].sort((a, b) => b.length - a.length);
  // Whole words, with an English or Urdu plural ending allowed ("stem cells", "اسٹیم سیلز").
  const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${all.map(escapeRegExp).join('|')})(?:s|es|ز|وں|یں)?(?![\\p{L}\\p{M}\\p{N}])`, 'u');
  return (text) => re.test(normalise(text));
}
