import type { Lang } from '#src/db/types.ts';
import type { ClinicSettings } from '#src/features/settings/service.ts';
import type { Translate } from './i18n/index.ts';

export interface Assets {
  css: string;
  js: string;
}

/** What every view needs to know about the request's language and the clinic; no per-reader data. */
export interface ViewContext {
  lang: Lang;
  t: Translate;
  clinic: ClinicSettings;
  baseUrl: string;
  assets: Assets;
}

export interface Alternate {
  lang: Lang;
  path: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of this page, already under /ur for Urdu. */
  path: string;
  /** The same page in each language that has it (this one included). */
  alternates: Alternate[];
  ogType?: 'website' | 'article' | 'profile';
  jsonLd?: object[];
  noindex?: boolean;
  /** A page with no counterpart in the other language (an error page): the switcher leads to that language's home page. */
  switchToHome?: boolean;
}
