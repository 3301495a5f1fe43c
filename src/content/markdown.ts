import type { Element, ElementContent, Root, Text } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { errors } from '#src/errors.ts';
import { imageIdOf, variantPath, type ResponsiveImage } from './images.ts';

export interface TocEntry {
  depth: 2 | 3;
  id: string;
  text: string;
}

export interface RenderedMarkdown {
  html: string;
  toc: TocEntry[];
  text: string;
}

/** Content that cannot be imported or rendered; the message names the file and field, for the command line. */
export const ContentError = errors.ContentInvalid;

export interface RenderOptions {
  /** How many references the document has; `[n]` in the text becomes a link only when n is one of them. */
  references?: number;
  /**
   * Uploaded images the document names (`![alt](/media/<id>)`), found beforehand: each becomes a
   * <picture> of its avif and webp sizes, with width and height so the page does not shift as it
   * loads. An image not in the map stays a plain <img> of its fallback.
   */
  images?: ReadonlyMap<string, ResponsiveImage>;
}

// Author Markdown is trusted less than code: no raw HTML, no scripts, no inline styles, and ids
// are set by rehype-slug after sanitising so heading anchors stay readable.
const schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'id')] },
};

function headingDepth(node: Element): 2 | 3 | null {
  if (node.tagName === 'h2') return 2;
  if (node.tagName === 'h3') return 3;
  return null;
}

function collectToc(tree: Root, toc: TocEntry[]): void {
  visit(tree, 'element', (node: Element) => {
    const depth = headingDepth(node);
    if (depth && typeof node.properties.id === 'string') {
      toc.push({ depth, id: node.properties.id, text: hastToString(node).trim() });
    }
  });
}

function requireAltText(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const alt = node.properties.alt;
    if (typeof alt !== 'string' || alt.trim() === '') {
      throw new ContentError(`image ${String(node.properties.src)} has no alt text: write ![what it shows](${String(node.properties.src)})`);
    }
    node.properties.loading = 'lazy';
    node.properties.decoding = 'async';
  });
}

/** The article column: 42rem (--measure) on a wide screen, the screen less its 1rem margins on a phone. */
const COLUMN_SIZES = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';

/**
 * `![alt](/media/<id>)` → <picture> with an avif and a webp srcset and the fallback <img>. Runs after
 * the sanitiser: author Markdown still cannot write a <picture>, <source> or srcset; these elements
 * are built here only from the image's id (checked to be 16 hex digits) and numbers from the database.
 */
function responsiveImages(tree: Root, images: ReadonlyMap<string, ResponsiveImage>): void {
  if (images.size === 0) return;
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined || typeof node.properties.src !== 'string') return;
    const id = imageIdOf(node.properties.src);
    const image = id === undefined ? undefined : images.get(id);
    if (!id || !image) return;
    const width = image.widths.at(-1) ?? image.fallback.width;
    const source = (format: 'avif' | 'webp'): Element => ({
      type: 'element',
      tagName: 'source',
      properties: { type: `image/${format}`, srcSet: image.widths.map((w) => `${variantPath(id, w, format)} ${w}w`).join(', '), sizes: COLUMN_SIZES },
      children: [],
    });
    const img: Element = { ...node, properties: { ...node.properties, width, height: Math.max(1, Math.round((image.height * width) / image.width)) } };
    parent.children[index] = { type: 'element', tagName: 'picture', properties: {}, children: [source('avif'), source('webp'), img] };
    return SKIP;
  });
}

/** A wide table scrolls inside its own box on a phone instead of widening the page; tabindex lets a keyboard scroll it. */
function wrapTables(tree: Root): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    const wrapper: Element = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['table-scroll'], tabIndex: 0 },
      children: [node],
    };
    parent.children[index] = wrapper;
    return SKIP;
  });
}

function citationLinks(tree: Root, references: number): void {
  if (references === 0) return;
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || (parent.type === 'element' && parent.tagName === 'a')) return;
    const parts = node.value.split(/(\[\d{1,3}\])/);
    if (parts.length === 1) return;
    const out: ElementContent[] = [];
    for (const part of parts) {
      const n = /^\[(\d{1,3})\]$/.exec(part)?.[1];
      if (n && Number(n) >= 1 && Number(n) <= references) {
        out.push({
          type: 'element',
          tagName: 'sup',
          properties: {},
          children: [{ type: 'element', tagName: 'a', properties: { href: `#ref-${n}`, className: ['cite'] }, children: [{ type: 'text', value: `[${n}]` }] }],
        });
      } else if (part !== '') {
        out.push({ type: 'text', value: part });
      }
    }
    parent.children.splice(index, 1, ...out);
    return [SKIP, index + out.length];
  });
}

function externalLinks(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && /^https?:/.test(node.properties.href)) {
      node.properties.rel = ['noopener'];
    }
  });
}

/** Markdown → safe HTML, the table of contents from its h2/h3, and plain text for search. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): RenderedMarkdown {
  const toc: TocEntry[] = [];
  let text = '';
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize, schema)
    .use(rehypeSlug)
    .use(() => (tree: Root) => {
      requireAltText(tree);
      responsiveImages(tree, options.images ?? new Map());
      collectToc(tree, toc);
      citationLinks(tree, options.references ?? 0);
      wrapTables(tree);
      externalLinks(tree);
      text = hastToString(tree).replace(/\s+/g, ' ').trim();
    })
    .use(rehypeStringify);
  const html = String(processor.processSync(markdown));
  return { html, toc, text };
}
