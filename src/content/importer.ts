import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import type { Services } from '#src/services.ts';
import { parseFrontMatter } from './front-matter.ts';
import { ContentError } from './content-error.ts';

export interface ImportReport {
  people: number;
  topics: number;
  testimonials: number;
  articles: number;
  pages: number;
}

interface FileEntry {
  file: string;
  slug: string;
  lang: 'en' | 'ur';
}

function markdownFiles(dir: string): FileEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const name = basename(f, '.md');
      const ur = name.endsWith('.ur');
      return { file: join(dir, f), slug: ur ? name.slice(0, -3) : name, lang: ur ? 'ur' : 'en' };
    });
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'), { schema: 'core' });
  } catch (err) {
    throw new ContentError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
}

// Front matter is untyped YAML; each service parses it with its zod schema, hence the `as never` below.
/** Runs one item's save and names the file in any error, so an author knows where to look. */
async function each(entries: FileEntry[], save: (entry: FileEntry, data: Record<string, unknown>, body: string) => Promise<unknown>): Promise<number> {
  for (const entry of entries) {
    const { data, body } = parseFrontMatter(readFileSync(entry.file, 'utf8'), entry.file);
    try {
      await save(entry, data, body);
    } catch (err) {
      if (err instanceof ZodError) throw new ContentError(`${entry.file}: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (err instanceof ContentError) throw new ContentError(`${entry.file}: ${err.message}`);
      throw err;
    }
  }
  return entries.length;
}

/**
 * Loads a content folder (see content/demo/FORMAT.md). Order matters: articles refer to people,
 * topics, testimonials. Articles go through the editorial workflow as revisions; one edited in the
 * dashboard since it was last imported is refused unless `force`.
 */
export async function importContent(services: Services, dir: string, options: { force?: boolean } = {}): Promise<ImportReport> {
  if (!existsSync(dir)) throw new ContentError(`content folder ${dir} does not exist`);
  const settingsFile = join(dir, 'settings.yaml');
  if (existsSync(settingsFile)) await services.settings.saveClinic(readYaml(settingsFile));

  const people = await each(markdownFiles(join(dir, 'people')), (e, data, body) => services.people.save({ ...(data as object), slug: e.slug, bio: body } as never));
  const topics = await each(markdownFiles(join(dir, 'topics')), (e, data, body) => services.topics.save({ ...(data as object), slug: e.slug, lang: e.lang, body } as never));

  let testimonials = 0;
  const testimonialsFile = join(dir, 'testimonials.yaml');
  if (existsSync(testimonialsFile)) {
    const list = readYaml(testimonialsFile);
    if (!Array.isArray(list)) throw new ContentError(`${testimonialsFile}: must be a list`);
    for (const t of list) await services.testimonials.save(t);
    testimonials = list.length;
  }

  const articles = await each(markdownFiles(join(dir, 'articles')), (e, data, body) => services.editorial.importArticle({ ...(data as object), slug: e.slug, lang: e.lang, body } as never, options.force ?? false));
  const pages = await each(markdownFiles(join(dir, 'pages')), (e, data, body) => services.pages.save({ ...(data as object), slug: e.slug, lang: e.lang, body } as never));
  await services.settings.bumpContentVersion();
  return { people, topics, testimonials, articles, pages };
}
