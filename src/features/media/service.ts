import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { imagePath, variantPath, type ImageLookup, type ResponsiveImage } from '#src/content/images.ts';
import type { Database, MediaFormat } from '#src/db/types.ts';
import { errors, fail, ok, type Result } from '#src/errors.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import { onFirstUse } from '#src/platform/first-use.ts';
import * as q from './queries.ts';
import { cleanAlt, imageMarkdown, MAX_IMAGE_BYTES } from './rules.ts';

export { MAX_IMAGE_BYTES } from './rules.ts';

// sharp (with libvips) is loaded with the first upload, not at start: a process serving readers
// only sends stored bytes and never needs it.
const encoder = onFirstUse(() => import('./encode.ts'));

export interface Upload {
  bytes: Uint8Array;
  /** The size of the file sent, when only part of it was kept (a file over the limit is not read to its end). */
  size?: number;
  /** As the browser sent it; recorded in the audit log only. */
  filename: string;
  alt: string;
  by: Actor;
}

export interface StoredImage {
  id: string;
  /** What the editor inserts: `![alt](/media/<id>)`, with the alt text typed for this upload. */
  markdown: string;
  width: number;
  height: number;
  /** False when the same file had been uploaded before: the existing image is used. */
  created: boolean;
}

export type UploadError = 'CS_ERR_IMAGE_MISSING' | 'CS_ERR_IMAGE_TOO_LARGE' | 'CS_ERR_IMAGE_ALT_MISSING' | 'CS_ERR_IMAGE_NOT_SUPPORTED' | 'CS_ERR_IMAGE_TOO_MANY_PIXELS';

export interface MediaListItem {
  id: string;
  alt: string;
  width: number;
  height: number;
  createdAt: string;
  markdown: string;
  /** The smallest webp, for a list of thumbnails. */
  thumbnail: { src: string; width: number; height: number };
}

/** Images for articles: uploads turned into responsive variants, stored in the database and served from it. */
export class MediaService {
  private readonly d: { db: Kysely<Database>; audit: AuditService; now: () => Date };

  constructor(deps: MediaService['d']) {
    this.d = deps;
  }

  /**
   * Stores an upload: refused when empty, over 10 MB, without alt text, or not a raster image we
   * accept; otherwise decoded, stripped of its metadata (EXIF with any GPS position) and kept as
   * avif and webp at each width, plus one jpg or png. The same file again is the same image.
   */
  async store(upload: Upload): Promise<Result<StoredImage, UploadError>> {
    const size = upload.size ?? upload.bytes.byteLength;
    if (size === 0) return fail(new errors.ImageMissing());
    if (size > MAX_IMAGE_BYTES) return fail(new errors.ImageTooLarge());
    const alt = cleanAlt(upload.alt);
    if (alt === '') return fail(new errors.ImageAltMissing());
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const existing = await q.findBySha(this.d.db, sha256);
    if (existing) return ok(this.stored(existing, alt, false));
    const encoded = await (await encoder()).encodeImage(upload.bytes);
    if (!encoded.ok) return fail(encoded.reason === 'too-many-pixels' ? new errors.ImageTooManyPixels() : new errors.ImageNotSupported());
    const row = { id: sha256.slice(0, 16), sha256, width: encoded.width, height: encoded.height, alt, uploaded_by: upload.by.id, created_at: this.d.now().toISOString() };
    const created = await this.d.db.transaction().execute(async (tx) => {
      const inserted = await q.insertMedia(tx, row, encoded.variants);
      if (inserted) {
        const details = { filename: upload.filename.slice(0, 200), bytes: size, width: row.width, height: row.height, variants: encoded.variants.length };
        await this.d.audit.record(upload.by, { action: 'media.uploaded', target: { type: 'media', id: row.id }, details }, tx);
      }
      return inserted;
    });
    return ok(this.stored(row, alt, created));
  }

  private stored(image: { id: string; width: number; height: number }, alt: string, created: boolean): StoredImage {
    return { id: image.id, markdown: this.markdown(image.id, alt), width: image.width, height: image.height, created };
  }

  /** The Markdown an editor inserts for an image: `![alt](/media/<id>)`. */
  markdown(id: string, alt: string): string {
    return imageMarkdown(cleanAlt(alt), imagePath(id));
  }

  /** For the renderer: the sizes of the images a document names, found in one query. */
  readonly lookup: ImageLookup = async (ids) => {
    const rows = await q.imagesWithVariants(this.d.db, ids);
    const found = new Map<string, { width: number; height: number; avif: number[]; webp: number[]; fallback?: ResponsiveImage['fallback'] }>();
    for (const r of rows) {
      const image = found.get(r.id) ?? { width: r.width, height: r.height, avif: [], webp: [] };
      found.set(r.id, image);
      if (r.format === 'avif' || r.format === 'webp') image[r.format].push(r.variant_width);
      else image.fallback = { width: r.variant_width, format: r.format };
    }
    const images = new Map<string, ResponsiveImage>();
    for (const [id, image] of found) {
      // Only widths stored in both formats go in the srcsets (all of them, unless a row went missing).
      const widths = image.webp.filter((w) => image.avif.includes(w));
      if (image.fallback && widths.length > 0) images.set(id, { width: image.width, height: image.height, widths, fallback: image.fallback });
    }
    return images;
  };

  /** The bytes of one size and format of an image; undefined when there is no such variant. */
  variant(id: string, width: number, format: MediaFormat): Promise<Uint8Array | undefined> {
    return q.variantBytes(this.d.db, id, width, format);
  }

  /** The image at its stable address: its jpg or png. */
  fallback(id: string): Promise<{ format: MediaFormat; bytes: Uint8Array } | undefined> {
    return q.fallbackVariant(this.d.db, id);
  }

  /** The images uploaded last, newest first, with the Markdown to insert each. */
  async recent(limit = 30): Promise<MediaListItem[]> {
    const rows = await q.recentMedia(this.d.db, limit);
    const sizes = await this.lookup(rows.map((r) => r.id));
    return rows.flatMap((r) => {
      const image = sizes.get(r.id);
      const smallest = image?.widths[0];
      if (!smallest) return [];
      const thumbnail = { src: variantPath(r.id, smallest, 'webp'), width: smallest, height: Math.max(1, Math.round((r.height * smallest) / r.width)) };
      return [{ id: r.id, alt: r.alt, width: r.width, height: r.height, createdAt: r.created_at, markdown: this.markdown(r.id, r.alt), thumbnail }];
    });
  }
}
