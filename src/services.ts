import type { Db } from './db/connection.ts';
import { ArticlesService } from './features/articles/service.ts';
import { AuditService } from './features/audit/service.ts';
import { ConsultationService } from './features/consultation/service.ts';
import { DashboardService } from './features/dashboard/service.ts';
import { EditorialService } from './features/editorial/service.ts';
import { MediaService } from './features/media/service.ts';
import { PagesService } from './features/pages/service.ts';
import { PeopleService } from './features/people/service.ts';
import { SettingsService } from './features/settings/service.ts';
import { StaffService } from './features/staff/service.ts';
import { TestimonialsService } from './features/testimonials/service.ts';
import { TopicsService } from './features/topics/service.ts';
import { ProofOfWork } from './platform/proof-of-work.ts';

export interface Services {
  settings: SettingsService;
  people: PeopleService;
  topics: TopicsService;
  testimonials: TestimonialsService;
  articles: ArticlesService;
  pages: PagesService;
  audit: AuditService;
  staff: StaffService;
  dashboard: DashboardService;
  consultations: ConsultationService;
  editorial: EditorialService;
  /** Uploaded images: stored in the database, served at /media/…, drawn responsive in articles. */
  media: MediaService;
  /** The form's proof of work (ALTCHA): challenges, and each solution accepted once. */
  proofOfWork: ProofOfWork;
}

/**
 * Every feature's service, wired once; features reach each other only through these. `now` is the
 * one clock every service reads the date and time from (tests move it); the real one by default.
 */
export function createServices(db: Db, options: { baseUrl: string; now?: () => Date }): Services {
  const k = db.kysely;
  const now = options.now ?? (() => new Date());
  const people = new PeopleService(k, now);
  const topics = new TopicsService(k, now);
  const testimonials = new TestimonialsService(k);
  const audit = new AuditService(k, now);
  const settings = new SettingsService(k, audit, now);
  const staff = new StaffService({ db: k, settings, audit, baseUrl: options.baseUrl, now });
  const media = new MediaService({ db: k, audit, now });
  const articles = new ArticlesService({ db: k, dialect: db.dialect, people, topics, testimonials, settings, images: media.lookup, now });
  const pages = new PagesService(k, now);
  const proofOfWork = new ProofOfWork({ db: k, now });
  const editorial = new EditorialService({ db: k, articles, people, topics, testimonials, settings, audit, proofOfWork, images: media.lookup, baseUrl: options.baseUrl, now });
  const consultations = new ConsultationService({ db: k, settings, pages, topics, proofOfWork, audit, baseUrl: options.baseUrl, now });
  return {
    settings,
    people,
    topics,
    testimonials,
    articles,
    pages,
    audit,
    staff,
    dashboard: new DashboardService({ db: k, staff, audit, articles, consultations, editorial, now }),
    consultations,
    editorial,
    media,
    proofOfWork,
  };
}
