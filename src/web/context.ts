import type { Lang } from '#src/db/types.ts';
import type { ClinicSettings } from '#src/features/settings/service.ts';
import type { Translate } from './i18n/index.ts';

export interface Assets {
  css: string;
  js: string;
  /** The proof-of-work widget of the consultation form (the element; app.js loads its script when the patient starts on the form), in a language; absent where the widget is not served. */
  proofOfWork?: (lang: Lang) => string;
}

/** What every view needs to know about the request's language and the clinic; no per-reader data. */
export interface ViewContext {
  lang: Lang;
  /** Hours within which the clinic answers a consultation request (staff settings), stated on public pages. */
  responseTargetHours: number;
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
