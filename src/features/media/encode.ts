import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import type { MediaFormat } from '#src/db/types.ts';
import { fallbackWidth, MAX_IMAGE_PIXELS, variantWidths } from './rules.ts';

// Loaded by service.ts on the first upload (sharp and libvips hold megabytes that a process serving
// readers never needs): nothing else imports this file.

// Each upload is decoded once and never again: libvips' operation cache (up to 50 MB by default)
// would only hold memory in a long-running process.
sharp.cache(false);

export interface EncodedVariant {
  width: number;
  format: MediaFormat;
  bytes: Buffer;
}

export type Encoded =
  | { ok: true; width: number; height: number; variants: EncodedVariant[] }
  | { ok: false; reason: 'not-image' | 'too-many-pixels' };

// Raster formats people upload. Not SVG (a document that can carry scripts and links) nor PDF.
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff']);

function accepted(meta: Metadata): boolean {
  return ACCEPTED.has(meta.format) || (meta.format === 'heif' && meta.compression === 'av1');
}

// Damaged pixel data is refused (a cut-off photo would be published half grey); a picture whose
// header claims more pixels than we decode is refused before any is decoded; turned upright by its
// EXIF orientation. Animated GIFs give their first frame.
const input: SharpOptions = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, autoOrient: true };

function encodeAs(image: Sharp, format: MediaFormat): Promise<Buffer> {
  // No metadata is written: sharp leaves EXIF (GPS position, camera, date), XMP and IPTC out unless asked.
  if (format === 'avif') return image.avif({ quality: 50, effort: 2 }).toBuffer();
  if (format === 'webp') return image.webp({ quality: 75 }).toBuffer();
  if (format === 'png') return image.png({ compressionLevel: 9 }).toBuffer();
  return image.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
}

/**
 * An upload → its variants: avif and webp at each width of `variantWidths`, and one jpg (or png for a
 * picture with transparent parts) for browsers that read neither. The file is decoded once, reduced
 * to the largest width, and every variant is made from those pixels.
 */
export async function encodeImage(bytes: Uint8Array): Promise<Encoded> {
  let meta: Metadata;
  try {
    // The header only: the pixel limit is checked here, to say so, rather than by sharp.
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'not-image' };
  }
  if (!accepted(meta)) return { ok: false, reason: 'not-image' };
  const { width, height } = meta.autoOrient;
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too-many-pixels' };
  const widths = variantWidths(width, height);
  let decoded: { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };
  try {
    decoded = await sharp(bytes, input)
      .resize({ width: widths.at(-1) ?? width, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    // The header was readable, the pixels are not (a damaged or cut-off file).
    return { ok: false, reason: 'not-image' };
  }
  const { data, info } = decoded;
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const transparent = info.channels === 4 && !(await sharp(data, { raw }).stats()).isOpaque;
  // An alpha channel that is opaque everywhere only makes the files bigger.
  const pixels = (w: number) => {
    const image = sharp(data, { raw }).resize({ width: w });
    return info.channels === 4 && !transparent ? image.removeAlpha() : image;
  };
  const jobs: { width: number; format: MediaFormat }[] = [
    ...widths.flatMap((w) => [{ width: w, format: 'avif' as const }, { width: w, format: 'webp' as const }]),
    { width: fallbackWidth(widths), format: transparent ? 'png' : 'jpg' },
  ];
  const variants = await Promise.all(jobs.map(async (job) => ({ ...job, bytes: await encodeAs(pixels(job.width), job.format) })));
  return { ok: true, width, height, variants };
}
