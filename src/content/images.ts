import type { MediaFormat } from '#src/db/types.ts';

/**
 * Addresses of uploaded images, shared by the renderer (which turns `![alt](/media/<id>)` into a
 * responsive picture) and the media feature (which serves them). An image's id is the start of the
 * SHA-256 of its original, so an address always names the same bytes and is cached for good.
 */

const ID = '[0-9a-f]{16}';
const IMAGE_PATH = new RegExp(`^/media/(${ID})$`);
const IMAGE_PATHS = new RegExp(`/media/(${ID})\\b`, 'g');
const IMAGE_ID = new RegExp(`^${ID}$`);

/** The stable address editors write in Markdown; on its own it serves the fallback (jpg or png). */
export function imagePath(id: string): string {
  return `/media/${id}`;
}

/** One stored size and format of an image, e.g. /media/3f2a9c1b7d4e5f60/960.webp. */
export function variantPath(id: string, width: number, format: MediaFormat): string {
  return `/media/${id}/${width}.${format}`;
}

/** The image id of a Markdown image address, when it is exactly one of ours. */
export function imageIdOf(src: string): string | undefined {
  return IMAGE_PATH.exec(src)?.[1];
}

/** Every image id a Markdown text may name (a superset: the renderer looks only at images). */
export function imageIdsIn(markdown: string): string[] {
  return [...new Set(Array.from(markdown.matchAll(IMAGE_PATHS), (m) => m[1] ?? ''))];
}

export function isImageId(value: string): boolean {
  return IMAGE_ID.test(value);
}

/** What the renderer needs to draw an image without a layout shift: its size and the variants stored. */
export interface ResponsiveImage {
  width: number;
  height: number;
  /** The widths stored as avif and as webp, smallest first. */
  widths: number[];
  /** The one variant for browsers that read neither avif nor webp. */
  fallback: { width: number; format: 'jpg' | 'png' };
}

/** Finds the images a document names, all at once (one query, whatever the number of images). */
export type ImageLookup = (ids: readonly string[]) => Promise<ReadonlyMap<string, ResponsiveImage>>;

export const imageFormats: readonly MediaFormat[] = ['avif', 'webp', 'jpg', 'png'];

export const imageContentTypes: Record<MediaFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };
