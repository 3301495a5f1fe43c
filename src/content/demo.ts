import type { Services } from '#src/services.ts';
import { importContent, type ImportReport } from './importer.ts';

/** A new site starts with the demo content so there is something to read; a site with articles is left alone. */
export async function loadDemoIfEmpty(services: Services, dir: string): Promise<ImportReport | null> {
  const existing = await services.articles.allPublished();
  if (existing.length > 0) return null;
  return importContent(services, dir);
}
