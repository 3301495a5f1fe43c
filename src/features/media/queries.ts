import type { Kysely, Transaction } from 'kysely';
import type { Database, MediaFormat } from '#src/db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface MediaRow {
  id: string;
  width: number;
  height: number;
  alt: string;
  created_at: string;
}

export function findBySha(db: Db, sha256: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').select(['id', 'width', 'height', 'alt', 'created_at']).where('sha256', '=', sha256).executeTakeFirst();
}

/**
 * Inserts an image and its variants (in the caller's transaction). Two uploads of the same file at
 * once both get here: the second finds the row taken and adds nothing (false).
 */
export async function insertMedia(
  tx: Transaction<Database>,
  row: { id: string; sha256: string; width: number; height: number; alt: string; uploaded_by: number | null; created_at: string },
  variants: { width: number; format: MediaFormat; bytes: Uint8Array }[],
): Promise<boolean> {
  const done = await tx.insertInto('media').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(done.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  for (const v of variants) {
    await tx.insertInto('media_variants').values({ media_id: row.id, width: v.width, format: v.format, bytes: v.bytes, byte_length: v.bytes.byteLength }).execute();
  }
  return true;
}

/** The bytes of one variant; undefined when the image or that size of it does not exist. */
export async function variantBytes(db: Db, id: string, width: number, format: MediaFormat): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('media_variants').select('bytes').where('media_id', '=', id).where('width', '=', width).where('format', '=', format).executeTakeFirst();
  return row?.bytes;
}

/** The jpg or png of an image (there is one), for its stable address. */
export function fallbackVariant(db: Db, id: string): Promise<{ format: MediaFormat; bytes: Uint8Array } | undefined> {
  return db.selectFrom('media_variants').select(['format', 'bytes']).where('media_id', '=', id).where('format', 'in', ['jpg', 'png']).executeTakeFirst();
}

export interface ImageVariantRow {
  id: string;
  width: number;
  height: number;
  variant_width: number;
  format: MediaFormat;
}

/** The images named, with every size and format stored for each (never the bytes): one query for a whole document. */
export function imagesWithVariants(db: Db, ids: readonly string[]): Promise<ImageVariantRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('media')
    .innerJoin('media_variants', 'media_variants.media_id', 'media.id')
    .select(['media.id', 'media.width', 'media.height', 'media_variants.width as variant_width', 'media_variants.format'])
    .where('media.id', 'in', ids)
    .orderBy('media_variants.width')
    .execute();
}

export function recentMedia(db: Db, limit: number): Promise<MediaRow[]> {
  return db.selectFrom('media').select(['id', 'width', 'height', 'alt', 'created_at']).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}
