/** Offsets in the checked text turned into the 1-based line and column an editor shows. */
export interface Position {
  line: number;
  column: number;
}

export function positionIndex(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    // Binary search for the last line that starts at or before the offset.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
}

// How far ahead to look for a character of the parsed text in its source: far enough to step over
// a block-quote marker and indentation at a line start ("\n   > "), short enough that one character
// the parser changed (an entity, an escape) cannot pull the mapping far away.
const LOOKAHEAD = 16;

/**
 * For each character of `value` (text as the Markdown or YAML parser returns it), the offset in the
 * source it was read from. The parser drops characters (quote markers, escapes, indentation) but
 * keeps the order, so a greedy walk along the source finds each one; `base` is where `source`
 * starts in the whole text. The array has one extra entry: the end.
 */
export function alignOffsets(value: string, source: string, base: number): number[] {
  const out: number[] = [];
  let j = 0;
  for (const ch of value) {
    let k = j;
    const stop = Math.min(source.length, j + LOOKAHEAD);
    while (k < stop && source[k] !== ch) k++;
    const found = k < stop;
    // A character that is not in the source (a decoded entity) takes the place of the next one.
    out.push(base + Math.min(found ? k : j, source.length));
    if (found) j = k + ch.length;
    // Astral characters are two code units: keep `out` one entry per code unit of `value`.
    if (ch.length === 2) out.push(out[out.length - 1] ?? base);
  }
  out.push(base + source.length);
  return out;
}
