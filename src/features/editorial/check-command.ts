/**
 * `caresite check <file or folder> [--json] [--topics <folder>]`: the editorial checks on Markdown
 * files, with no database. A folder is searched for *.md (files named in capitals, such as
 * README.md or FORMAT.md, are documentation and skipped). The language is `ur` for `x.ur.md`, else
 * the front matter's `lang`, else English. The kind comes from the folder (articles/, topics/,
 * pages/); elsewhere a file with an author, a reviewer or a publication date is an article, anything
 * else a page.
 * Topic evidence (which treatments are investigational) and the site's paths come from the content
 * folder around the file: the nearest folder above it that holds topics/, or --topics.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkDocument } from './checks/index.ts';
import type { DocumentKind, Finding, Lang } from './checks/types.ts';

const usage = 'Usage: caresite check <file or folder> [--json] [--topics <folder>]';

interface Options {
  path: string;
  json: boolean;
  topicsDir?: string;
}

interface TopicRegistry {
  investigational: string[];
  names: Record<string, string[]>;
}

interface ContentSite {
  topics: TopicRegistry;
  paths: Set<string>;
}

function parseArgs(args: string[]): Options | string {
  let path: string | undefined;
  let json = false;
  let topicsDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--topics') {
      topicsDir = args[++i];
      if (!topicsDir) return '--topics needs a folder, e.g. --topics content/demo/topics';
    } else if (arg.startsWith('--topics=')) topicsDir = arg.slice('--topics='.length);
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (path === undefined) path = arg;
    else return `one path only (got ${path} and ${arg})`;
  }
  if (!path) return 'check needs a file or folder, e.g. caresite check content/demo';
  if (!existsSync(path)) return `${path}: no such file or folder`;
  if (topicsDir !== undefined && !existsSync(topicsDir)) return `${topicsDir}: no such folder`;
  return { path, json, topicsDir };
}

/** The Markdown files to check: the file itself, or every *.md under the folder, in a stable order. */
function markdownFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !/^[A-Z0-9_-]+\.md$/.test(basename(f)))
    .filter((f) => !f.split(sep).some((part) => part === 'node_modules' || part.startsWith('.')))
    .map((f) => join(path, f))
    .sort();
}

/** The front matter as data, or an empty object: a broken one is the checks' to report. */
function frontMatterOf(text: string): Record<string, unknown> {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return {};
  try {
    const data: unknown = parseYaml(m[1] ?? '');
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function slugOf(file: string): string {
  return basename(file).replace(/(\.ur)?\.md$/, '');
}

function kindOf(file: string, data: Record<string, unknown>): DocumentKind {
  const folders = dirname(resolve(file)).split(sep);
  const folder = folders[folders.length - 1];
  if (folder === 'articles') return 'article';
  if (folder === 'topics') return 'topic';
  if (folder === 'pages') return 'page';
  return ['author', 'reviewer', 'published_at'].some((field) => field in data) ? 'article' : 'page';
}

function langOf(file: string): Lang {
  return file.endsWith('.ur.md') ? 'ur' : 'en';
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readTopics(dir: string): { registry: TopicRegistry; paths: string[] } {
  const investigational = new Set<string>();
  const names: Record<string, string[]> = {};
  const paths: string[] = [];
  for (const file of markdownFiles(dir)) {
    const data = frontMatterOf(readFileSync(file, 'utf8'));
    const slug = slugOf(file);
    if (data.evidence === 'trials' || data.evidence === 'unproven') investigational.add(slug);
    names[slug] = [...(names[slug] ?? []), ...strings(data.title), ...strings(data.also_known_as)];
    const section = data.kind === 'condition' ? 'conditions' : 'treatments';
    paths.push(`${langOf(file) === 'ur' ? '/ur' : ''}/${section}/${slug}`);
  }
  return { registry: { investigational: [...investigational], names }, paths };
}

// Paths every Caresite site has (features/*/routes.ts), besides the ones its content makes.
const FIXED_PATHS = ['/', '/articles', '/conditions', '/treatments', '/consultation', '/search', '/feed.xml', '/sitemap.xml'];

function contentPaths(root: string, folder: string, prefix: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return markdownFiles(dir).map((f) => `${langOf(f) === 'ur' ? '/ur' : ''}${prefix}/${slugOf(f)}`);
}

function loadSite(root: string | undefined, topicsDir: string | undefined): ContentSite | undefined {
  const dir = topicsDir ?? (root ? join(root, 'topics') : undefined);
  if (!dir) return undefined;
  const { registry, paths } = readTopics(dir);
  if (!root) return { topics: registry, paths: new Set() };
  const all = [
    ...FIXED_PATHS.flatMap((p) => [p, p === '/' ? '/ur' : `/ur${p}`]),
    ...paths,
    ...contentPaths(root, 'articles', '/articles'),
    ...contentPaths(root, 'people', '/people'),
    ...contentPaths(root, 'pages', ''),
  ];
  return { topics: registry, paths: new Set(all) };
}

/** The nearest folder at or above `dir` that holds a topics/ folder: the content folder the file belongs to. */
function contentRootOf(dir: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  const parent = dirname(dir);
  const root = existsSync(join(dir, 'topics')) && statSync(join(dir, 'topics')).isDirectory() ? dir : parent === dir ? undefined : contentRootOf(parent, cache);
  cache.set(dir, root);
  return root;
}

function checkFile(file: string, site: ContentSite | undefined): Finding[] {
  const text = readFileSync(file, 'utf8');
  const data = frontMatterOf(text);
  const kind = kindOf(file, data);
  return checkDocument({
    text,
    lang: langOf(file),
    kind,
    topics: kind === 'topic' ? [slugOf(file)] : [],
    investigationalTopics: site?.topics.investigational,
    topicNames: site?.topics.names,
    // Paths are only known when the whole content folder is there to list them.
    knownPaths: site && site.paths.size > 0 ? site.paths : undefined,
  });
}

function humanLine(file: string, f: Finding): string {
  return `${file}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}\n    → ${f.suggestion}`;
}

function jsonLine(file: string, f: Finding): string {
  const { rule, severity, message, suggestion, line, column, words } = f;
  return JSON.stringify({ file, line, column, rule, severity, message, suggestion, ...(words === undefined ? {} : { words }) });
}

function summary(findings: Finding[], files: number): string {
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in ${plural(files, 'file')}`;
}

/** Runs the command; the exit code: 0 clean or warnings only, 1 when any error was found, 2 on a usage error. */
export function runCheckCommand(args: string[]): number {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${usage}`);
    return 2;
  }
  const roots = new Map<string, string | undefined>();
  const sites = new Map<string, ContentSite | undefined>();
  const all: Finding[] = [];
  const files = markdownFiles(options.path);
  for (const file of files) {
    const root = contentRootOf(dirname(resolve(file)), roots);
    const key = `${root ?? ''}|${options.topicsDir ?? ''}`;
    if (!sites.has(key)) sites.set(key, loadSite(root, options.topicsDir));
    const findings = checkFile(file, sites.get(key));
    const shown = relative(process.cwd(), file) || file;
    for (const f of findings) console.log(options.json ? jsonLine(shown, f) : humanLine(shown, f));
    all.push(...findings);
  }
  if (!options.json) console.log(summary(all, files.length));
  return all.some((f) => f.severity === 'error') ? 1 : 0;
}
