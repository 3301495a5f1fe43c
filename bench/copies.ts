import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const demoArticles = new URL('../content/demo/articles/', import.meta.url).pathname;

const englishSources = () =>
  readdirSync(demoArticles)
    .filter((f) => f.endsWith('.md') && !f.endsWith('.ur.md'))
    .sort()
    .map((f) => f.slice(0, -3));

/**
 * Writes a content folder (articles only: the people and topics they name are in the database from
 * the demo content) that brings the site to `total` English articles: copies of the demo articles,
 * each with a slug and title of its own, and its Urdu translation where the original has one.
 * Returns the slugs of the English copies.
 */
export function writeCopies(dir: string, total: number): string[] {
  const sources = englishSources();
  const out = join(dir, 'articles');
  mkdirSync(out, { recursive: true });
  const slugs: string[] = [];
  for (let i = 0; i < total - sources.length; i++) {
    const source = sources[i % sources.length] ?? '';
    const slug = `${source}-copy-${i + 1}`;
    for (const suffix of ['', '.ur']) {
      const file = join(demoArticles, `${source}${suffix}.md`);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8').replace(/^title: "/m, `title: "(${i + 1}) `);
      writeFileSync(join(out, `${slug}${suffix}.md`), text);
    }
    slugs.push(slug);
  }
  return slugs;
}

/** Words readers might search for: every word of 4 letters or more in the English demo articles. */
export function searchWords(): string[] {
  const words = new Set<string>();
  for (const source of englishSources()) {
    const body = readFileSync(join(demoArticles, `${source}.md`), 'utf8').split(/^---$/m).slice(2).join(' ');
    for (const word of body.toLowerCase().match(/[a-z]{4,}/g) ?? []) words.add(word);
  }
  return [...words].sort();
}
