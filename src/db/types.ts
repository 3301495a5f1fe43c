import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Lang = 'en' | 'ur';
export type TopicKind = 'condition' | 'treatment';
export type Evidence = 'approved' | 'trials' | 'unproven';

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface PeopleTable {
  id: Generated<number>;
  slug: string;
  name: string;
  roles: string;
  credentials: string;
  specialty: string;
  registration: string | null;
  photo: string | null;
  bio_html: string;
  updated_at: string;
}

export interface TopicsTable {
  id: Generated<number>;
  slug: string;
  lang: Lang;
  kind: TopicKind;
  title: string;
  summary: string;
  also_known_as: string;
  body_html: string;
  evidence: Evidence | null;
  evidence_note: string | null;
  updated_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  lang: Lang;
  status: 'draft' | 'published';
  title: string;
  summary: string;
  body_md: string;
  body_html: string;
  body_text: string;
  toc_json: string;
  references_json: string;
  author_id: number;
  reviewer_id: number;
  testimonial_id: string | null;
  video_url: string | null;
  featured: number;
  published_at: string;
  updated_at: string;
  reviewed_at: string;
  next_review_at: string;
}

export interface ArticleTopicsTable {
  article_id: number;
  topic_slug: string;
}

export interface TestimonialsTable {
  id: string;
  lang: Lang;
  quote: string;
  who: string;
  condition_slug: string | null;
  consent_recorded_at: string;
  disclosure: string;
  featured: number;
}

export interface PagesTable {
  slug: string;
  lang: Lang;
  title: string;
  summary: string;
  body_html: string;
  updated_at: string;
}

/** SQLite only: the FTS5 index over published articles (PostgreSQL uses a tsvector on articles). */
export interface ArticleFtsTable {
  rowid: number;
  title: string;
  summary: string;
  body: string;
}

export interface Database {
  settings: SettingsTable;
  people: PeopleTable;
  topics: TopicsTable;
  articles: ArticlesTable;
  article_topics: ArticleTopicsTable;
  testimonials: TestimonialsTable;
  pages: PagesTable;
  article_fts: ArticleFtsTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type Topic = Selectable<TopicsTable>;
export type NewTopic = Insertable<TopicsTable>;
export type Article = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type Testimonial = Selectable<TestimonialsTable>;
export type Page = Selectable<PagesTable>;
