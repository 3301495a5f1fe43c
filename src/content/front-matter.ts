import { parse } from 'yaml';
import { ContentError } from './content-error.ts';

export interface Document {
  data: Record<string, unknown>;
  body: string;
}

/** Splits `---\nyaml\n---\nbody`; dates stay strings so they are read the same on every machine. */
export function parseFrontMatter(source: string, file: string): Document {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw new ContentError(`${file}: no front matter (the file must start with a --- line)`);
  let data: unknown;
  try {
    data = parse(m[1] ?? '', { schema: 'core' });
  } catch (err) {
    throw new ContentError(`${file}: front matter is not valid YAML: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ContentError(`${file}: front matter must be a YAML mapping`);
  return { data: data as Record<string, unknown>, body: (m[2] ?? '').trim() + '\n' };
}
