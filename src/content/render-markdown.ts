import { onFirstUse } from '#src/platform/first-use.ts';
import type { RenderedMarkdown, RenderOptions } from './markdown.ts';

// The Markdown stack (micromark, mdast and hast utilities, unified) is loaded with the first document
// saved rather than at start: it costs megabytes in every process, and a process serving readers
// never renders Markdown (articles, topics, pages and people are stored as HTML).
const markdown = onFirstUse(() => import('./markdown.ts'));

/** renderMarkdown of markdown.ts, which is imported on the first call. */
export async function renderMarkdown(source: string, options?: RenderOptions): Promise<RenderedMarkdown> {
  return (await markdown()).renderMarkdown(source, options);
}
