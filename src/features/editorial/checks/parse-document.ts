/**
 * Reads a Markdown file into what the checks look at: the front matter fields (with where they are
 * in the file), the Markdown tree, and the text blocks (title, summary, headings, paragraphs, list
 * items, table cells), each with the offset every character came from, so a finding can name the
 * exact line and column however the Markdown was written.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isScalar, isSeq, parseDocument as parseYaml } from 'yaml';
import { alignOffsets, positionIndex, type Position } from './positions.ts';
import type { Lang } from './types.ts';

export type BlockKind = 'title' | 'summary' | 'heading' | 'paragraph' | 'list-item' | 'cell';

export interface Block {
  kind: BlockKind;
  text: string;
  /** offsets[i] is where text[i] is in the whole file; one more entry for the end. */
  offsets: number[];
  /** Blocks with the same scope count as one paragraph for citations: a table row, one list item. */
  scope: number;
  /** The paragraph that introduces the list this item is in ("Be careful if a clinic:"). */
  intro?: Block;
  /** Heading level. */
  depth?: number;
}

export interface ParsedDocument {
  text: string;
  hasFrontMatter: boolean;
  /** Front matter that is not a YAML mapping: nothing else in it can be read. */
  frontMatterError?: { message: string; offset: number };
  data: Record<string, unknown>;
  title?: Block;
  summary?: Block;
  /** Where each front matter reference starts (its count is the highest valid `[n]`). */
  references: number[];
  topics: string[];
  lang?: Lang;
  bodyOffset: number;
  /** The body's Markdown tree; its offsets count from bodyOffset. */
  tree: Root;
  /** Title and summary first, then the body's blocks in reading order. */
  blocks: Block[];
  position: (offset: number) => Position;
}

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/;
const TOPIC_FIELDS = ['topics', 'conditions', 'treatments'];

interface FrontMatter {
  data: Record<string, unknown>;
  title?: Block;
  summary?: Block;
  references: number[];
  error?: { message: string; offset: number };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readFrontMatter(yamlSource: string, start: number): FrontMatter {
  const doc = parseYaml(yamlSource, { schema: 'core' });
  const firstError = doc.errors[0];
  if (firstError) return { data: {}, references: [], error: { message: firstError.message, offset: start + (firstError.pos[0] ?? 0) } };
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { data: {}, references: [], error: { message: 'front matter must be a YAML mapping of fields', offset: start } };
  }
  const field = (name: 'title' | 'summary'): Block | undefined => {
    const node = doc.get(name, true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const [from, to] = node.range;
    return { kind: name, text: node.value, offsets: alignOffsets(node.value, yamlSource.slice(from, to), start + from), scope: -1 };
  };
  const refs = doc.get('references', true);
  const references = isSeq(refs) ? refs.items.map((item) => start + ((item as { range?: [number] }).range?.[0] ?? 0)) : [];
  return { data: data as Record<string, unknown>, title: field('title'), summary: field('summary'), references };
}

/** The text of inline Markdown (emphasis, links, code) as a reader sees it, with source offsets. */
function inlineText(nodes: PhrasingContent[], source: string, base: number, out: { text: string; offsets: number[] }): void {
  for (const node of nodes) {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    if (node.type === 'text' || node.type === 'inlineCode') {
      const offsets = alignOffsets(node.value, source.slice(from, to), base + from);
      out.text += node.value;
      out.offsets.push(...offsets.slice(0, -1));
    } else if (node.type === 'break') {
      out.text += ' ';
      out.offsets.push(base + from);
    } else if ('children' in node) {
      inlineText(node.children, source, base, out);
    }
    // Images, raw HTML and footnote calls are not prose: the structure checks look at them.
  }
}

function collectBlocks(tree: Root, body: string, base: number): Block[] {
  const blocks: Block[] = [];
  let scopes = 0;
  const make = (kind: BlockKind, children: PhrasingContent[], scope: number, end: number, extra: Partial<Block> = {}): Block => {
    const out = { text: '', offsets: [] as number[] };
    inlineText(children, body, base, out);
    out.offsets.push(out.offsets.length ? (out.offsets[out.offsets.length - 1] ?? 0) + 1 : base + end);
    return { kind, text: out.text, offsets: out.offsets, scope, ...extra };
  };
  const walk = (nodes: RootContent[], item?: { scope: number; intro?: Block }): void => {
    let previous: Block | undefined;
    for (const node of nodes) {
      const end = node.position?.end.offset ?? 0;
      if (node.type === 'paragraph') {
        const block = item
          ? make('list-item', node.children, item.scope, end, { intro: item.intro })
          : make('paragraph', node.children, ++scopes, end);
        blocks.push(block);
        previous = block;
      } else if (node.type === 'heading') {
        blocks.push(make('heading', node.children, ++scopes, end, { depth: node.depth }));
        previous = undefined;
      } else if (node.type === 'blockquote' || node.type === 'footnoteDefinition') {
        walk(node.children, item);
        previous = undefined;
      } else if (node.type === 'list') {
        // A paragraph ending in ":" introduces the list: its citations and its warning cover the items.
        const intro = previous && /:\s*$/.test(previous.text) ? previous : item?.intro;
        for (const li of node.children) walk(li.children, { scope: ++scopes, intro });
        previous = undefined;
      } else if (node.type === 'table') {
        for (const row of node.children) {
          const scope = ++scopes;
          for (const cell of row.children) blocks.push(make('cell', cell.children, scope, cell.position?.end.offset ?? end));
        }
        previous = undefined;
      }
    }
  };
  walk(tree.children);
  return blocks;
}

/** Splits front matter from the body and reads both; never throws, so half-written drafts can be checked. */
export function parseDocument(text: string): ParsedDocument {
  const m = FRONT_MATTER.exec(text);
  const bodyOffset = m ? m[0].length : 0;
  const front: FrontMatter = m ? readFrontMatter(m[2] ?? '', (m[1] ?? '').length) : { data: {}, references: [] };
  const body = text.slice(bodyOffset);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body);
  const lang = front.data.lang === 'en' || front.data.lang === 'ur' ? front.data.lang : undefined;
  const heads = [front.title, front.summary].filter((b): b is Block => b !== undefined);
  return {
    text,
    hasFrontMatter: m !== null,
    frontMatterError: front.error,
    data: front.data,
    title: front.title,
    summary: front.summary,
    references: front.references,
    topics: [...new Set(TOPIC_FIELDS.flatMap((f) => stringList(front.data[f])))],
    lang,
    bodyOffset,
    tree,
    blocks: [...heads, ...collectBlocks(tree, body, bodyOffset)],
    position: positionIndex(text),
  };
}
