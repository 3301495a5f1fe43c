import type { Db } from './db/connection.ts';
import { ArticlesService } from './features/articles/service.ts';
import { PagesService } from './features/pages/service.ts';
import { PeopleService } from './features/people/service.ts';
import { SettingsService } from './features/settings/service.ts';
import { TestimonialsService } from './features/testimonials/service.ts';
import { TopicsService } from './features/topics/service.ts';

export interface Services {
  settings: SettingsService;
  people: PeopleService;
  topics: TopicsService;
  testimonials: TestimonialsService;
  articles: ArticlesService;
  pages: PagesService;
}

/** Every feature's service, wired once; features reach each other only through these. */
export function createServices(db: Db): Services {
  const k = db.kysely;
  const people = new PeopleService(k);
  const topics = new TopicsService(k);
  const testimonials = new TestimonialsService(k);
  const settings = new SettingsService(k);
  return {
    settings,
    people,
    topics,
    testimonials,
    articles: new ArticlesService({ db: k, dialect: db.dialect, people, topics, testimonials, settings }),
    pages: new PagesService(k),
  };
}
