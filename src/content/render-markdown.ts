import { onFirstUse } from '#src/platform/first-use.ts';
import { imageIdsIn, type ImageLookup } from './images.ts';
import type { RenderedMarkdown, RenderOptions } from './markdown.ts';

// The Markdown stack (micromark, mdast and hast utilities, unified) is loaded with the first document
// saved rather than at start: it costs megabytes in every process, and a process serving readers
// never renders Markdown (articles, topics, pages and people are stored as HTML).
const markdown = onFirstUse(() => import('./markdown.ts'));

/**
 * renderMarkdown of markdown.ts, which is imported on the first call. With `images`, the uploaded
 * images the text names are looked up first, all in one call, and drawn as responsive pictures.
 */
export async function renderMarkdown(source: string, options: Omit<RenderOptions, 'images'> & { images?: ImageLookup } = {}): Promise<RenderedMarkdown> {
  const { images: lookup, ...rest } = options;
  const ids = lookup ? imageIdsIn(source) : [];
  const images = lookup && ids.length > 0 ? await lookup(ids) : undefined;
  return (await markdown()).renderMarkdown(source, { ...rest, ...(images ? { images } : {}) });
}
