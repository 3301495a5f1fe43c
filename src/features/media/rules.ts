/**
 * What an upload becomes: which widths are stored, which fallback, how big a file may be, and the
 * Markdown an editor inserts. Pure, so the rules are tested without sharp or a database.
 */

/** The widths browsers choose from: a phone, a phone at 2× or a laptop, a large or high-density screen. */
const STANDARD_WIDTHS = [480, 960, 1600] as const;
/** An upload larger than this is refused before it is decoded. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Decoding 50 million pixels takes about 150 MB of memory; a larger picture is refused. */
export const MAX_IMAGE_PIXELS = 50_000_000;
const MAX_ALT_LENGTH = 500;
/** A variant is at most this tall (a long infographic gets narrower variants; AVIF stops at 16384 px). */
const MAX_VARIANT_HEIGHT = 4800;
/** The fallback (jpg or png) is one size only, for the rare browser that reads neither avif nor webp. */
const FALLBACK_WIDTH = 960;

/**
 * The widths to store for an image of `width` × `height` pixels, never wider than it (an enlarged
 * image is only a bigger file) nor taller than 4800 px. The standard widths that fit, and the image's
 * own width as well when it is more than a fifth wider than the largest of them (a 1500 px photo gets
 * 480, 960 and 1500; a 1000 px one just 480 and 960). An image narrower than 480 px keeps its width.
 */
export function variantWidths(width: number, height: number): number[] {
  const widest = Math.max(1, Math.min(width, Math.floor((MAX_VARIANT_HEIGHT * width) / height)));
  const fitting: number[] = STANDARD_WIDTHS.filter((w) => w <= widest);
  const largest = fitting.at(-1);
  const own = Math.min(widest, STANDARD_WIDTHS[STANDARD_WIDTHS.length - 1] ?? widest);
  if (largest === undefined || own > largest * 1.2) fitting.push(own);
  return fitting;
}

/** The fallback's width: the largest stored width up to 960 px. */
export function fallbackWidth(widths: readonly number[]): number {
  const fitting = widths.filter((w) => w <= FALLBACK_WIDTH);
  return fitting.at(-1) ?? widths[0] ?? FALLBACK_WIDTH;
}

/** The alt text as typed, without its outer spaces; empty means missing. */
export function cleanAlt(alt: string): string {
  return alt.trim().slice(0, MAX_ALT_LENGTH);
}

/** `![alt](/media/<id>)`, with the characters Markdown would read as markup in the alt text escaped. */
export function imageMarkdown(alt: string, path: string): string {
  return `![${alt.replace(/[\\`*_[\]<>&!]/g, (c) => `\\${c}`)}](${path})`;
}
