/**
 * The structure check: a heading outline a screen reader can follow (the page title is the only
 * h1; no level skipped), alt text on every image, links that have text and lead somewhere, and the
 * front matter an article needs (summary, references).
 */
import type { Heading, Image, ImageReference, Link, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import type { CheckContext } from './check-context.ts';
import { findingAt } from './check-context.ts';
import type { Finding, Severity } from './types.ts';

// The site's public paths (features/*/routes.ts), optionally under /ur.
const SITE_PATH =
  /^(?:\/ur)?(?:\/|\/(?:articles|conditions|treatments|people)(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?|\/[a-z0-9]+(?:-[a-z0-9]+)*|\/static\/\S+)\/?$/;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

interface Issue {
  rule: string;
  severity: Severity;
  message: string;
  suggestion: string;
  words?: string;
}

/** The words of a link as a screen reader reads them (image alt text is checked separately). */
function textOf(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c)).join('') : '';
}

function headingIssues(node: Heading, previous: number): Issue | undefined {
  if (node.depth === 1) {
    return {
      rule: 'structure/heading-h1',
      severity: 'error',
      message: 'A level-1 heading (#) in the body: the title is the page\'s only h1, so a second one breaks the outline screen readers use.',
      suggestion: 'Use ## for sections and ### for parts of a section.',
    };
  }
  if (node.depth > previous + 1) {
    return {
      rule: 'structure/heading-order',
      severity: 'error',
      message: `This heading jumps from level ${previous} to level ${node.depth}; a skipped level confuses people who move through the page by its headings.`,
      suggestion: `Make it a level-${previous + 1} heading (${'#'.repeat(previous + 1)}).`,
    };
  }
  return undefined;
}

function imageIssue(node: Image | ImageReference): Issue | undefined {
  if ((node.alt ?? '').trim() !== '') return undefined;
  return {
    rule: 'structure/image-alt',
    severity: 'error',
    message: 'This image has no alt text, so people who cannot see it learn nothing from it (and the page will not render).',
    suggestion: 'Describe what the image shows and why it is there: ![A neurologist testing reflexes at the knee](…).',
  };
}

function linkIssue(node: Link, knownPaths: Set<string> | undefined): Issue | undefined {
  const text = textOf(node).trim();
  const hasImageText = node.children.some((c) => c.type === 'image' && (c.alt ?? '').trim() !== '');
  const url = node.url.trim();
  if ((!text && !hasImageText) || url === '' || url === '#') {
    return {
      rule: 'structure/empty-link',
      severity: 'error',
      message: text ? 'This link leads nowhere: its address is empty.' : 'This link has no text, so a screen reader can only read out its address.',
      suggestion: 'Give the link words that say where it goes, and a real address: [ALS treatment options](/articles/als-treatment-options).',
    };
  }
  if (EXTERNAL.test(url) || url.startsWith('#')) return undefined;
  const path = url.replace(/[?#].*$/, '');
  if (knownPaths && url.startsWith('/')) {
    const normalised = path.length > 1 ? path.replace(/\/$/, '') : path;
    if (knownPaths.has(normalised) || path.startsWith('/static/')) return undefined;
    return {
      rule: 'structure/broken-link',
      severity: 'error',
      message: `The link to ${url} leads to no page on this site.`,
      suggestion: 'Check the slug of the article or topic you meant, or remove the link.',
      words: url,
    };
  }
  if (SITE_PATH.test(path)) return undefined;
  const slug = /([a-z0-9-]+)\.md$/i.exec(path)?.[1];
  return {
    rule: 'structure/link-shape',
    severity: 'warning',
    message: `The link to ${url} does not look like a page of this site: site links start with / (/articles/<slug>, /conditions/<slug>, /treatments/<slug>, /people/<slug>, /<page>).`,
    suggestion: slug ? `Link to the page, not the file: /articles/${slug}.` : 'Write the site path, starting with /.',
    words: url,
  };
}

function bodyIssues(ctx: CheckContext, knownPaths: Set<string> | undefined): Finding[] {
  const findings: Finding[] = [];
  let previousDepth = 1;
  visit(ctx.doc.tree, (node: Nodes) => {
    let issue: Issue | undefined;
    if (node.type === 'heading') {
      issue = headingIssues(node, previousDepth);
      previousDepth = node.depth;
    } else if (node.type === 'image' || node.type === 'imageReference') issue = imageIssue(node);
    else if (node.type === 'link') issue = linkIssue(node, knownPaths);
    if (issue) findings.push(findingAt(ctx, ctx.doc.bodyOffset + (node.position?.start.offset ?? 0), issue));
  });
  return findings;
}

function frontMatterIssues(ctx: CheckContext): Finding[] {
  const { doc } = ctx;
  if (doc.frontMatterError) {
    return [
      findingAt(ctx, doc.frontMatterError.offset, {
        rule: 'structure/front-matter',
        severity: 'error',
        message: `The front matter cannot be read: ${doc.frontMatterError.message}`,
        suggestion: 'Fix the YAML between the --- lines (quote values that contain a colon).',
      }),
    ];
  }
  if (!doc.hasFrontMatter) return [];
  const findings: Finding[] = [];
  const summary = doc.data.summary;
  // Articles, topics and pages have a title and a summary; a person's profile has neither.
  if ('title' in doc.data && (typeof summary !== 'string' || summary.trim() === '')) {
    findings.push(
      findingAt(ctx, 0, {
        rule: 'structure/missing-summary',
        severity: 'error',
        message: 'There is no summary: lists, search results and shared links show it, so readers would see nothing about the page.',
        suggestion: 'Add `summary:` to the front matter: one or two plain sentences on what the reader will learn.',
      }),
    );
  }
  if (ctx.kind === 'article' && doc.references.length === 0) {
    findings.push(
      findingAt(ctx, 0, {
        rule: 'structure/missing-references',
        severity: 'error',
        message: 'This article lists no references, so none of its health claims can be checked.',
        suggestion: 'Add `references:` to the front matter (guidelines, reviews, trials) and cite them in the text as [1], [2].',
      }),
    );
  }
  return findings;
}

export function checkStructure(ctx: CheckContext, knownPaths?: Set<string>): Finding[] {
  return [...frontMatterIssues(ctx), ...bodyIssues(ctx, knownPaths)];
}
