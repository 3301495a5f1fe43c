import type { Generated, Insertable, Selectable } from 'kysely';

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
  translator_id: number | null;
  testimonial_id: string | null;
  video_url: string | null;
  featured: number;
  published_at: string;
  updated_at: string;
  reviewed_at: string;
  next_review_at: string;
  /** A declared conflict of interest (e.g. the clinic sells the treatment discussed), shown on the page (migration 010). */
  conflict_of_interest: string | null;
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

export type StaffRole = 'admin' | 'editor' | 'reviewer' | 'coordinator';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** Comma-separated StaffRole values. */
  roles: string;
  status: 'invited' | 'active' | 'disabled';
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  lang: Lang;
  created_at: string;
  updated_at: string;
  /** The public profile this account signs off as (a medical reviewer's name and credentials), migration 010. */
  person_id: number | null;
}

export interface RecoveryCodesTable {
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  /** 'second-factor': the password was right, the TOTP or recovery code is still to come. */
  stage: 'second-factor' | 'full';
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuthTokensTable {
  token_hash: string;
  user_id: number;
  purpose: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
}

/** Refusals counted per client, action and window; folded into the audit log as rows with counts. */
export interface AuditRefusalsTable {
  key: string;
  window_start: string;
  ip: string | null;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  path: string;
  count: number;
  first_at: string;
  last_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The unique part of the Message-ID, the same for every attempt (migration 006). */
  message_token: string;
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
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditLogTable;
  audit_refusals: AuditRefusalsTable;
  outbox: OutboxTable;
  consultation_requests: ConsultationRequestsTable;
  consultation_events: ConsultationEventsTable;
  rate_counters: RateCountersTable;
  spent_challenges: SpentChallengesTable;
  consultation_bookings: ConsultationBookingsTable;
  article_revisions: ArticleRevisionsTable;
  article_workflow: ArticleWorkflowTable;
  content_reports: ContentReportsTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
}

/** An uploaded image: the original's size and the alt text typed with it; its bytes are in its variants. */
export interface MediaTable {
  /** The first 16 hex digits of `sha256`. */
  id: string;
  /** SHA-256 of the uploaded file, hex: the same file uploaded again is the same image. */
  sha256: string;
  width: number;
  height: number;
  alt: string;
  uploaded_by: number | null;
  created_at: string;
}

/** avif and webp at each width; jpg or png once, for browsers that read neither. */
export type MediaFormat = 'avif' | 'webp' | 'jpg' | 'png';

export interface MediaVariantsTable {
  media_id: string;
  width: number;
  format: MediaFormat;
  /** BLOB on SQLite, bytea on PostgreSQL. */
  bytes: Uint8Array;
  byte_length: number;
}

export type ReportReason = 'wrong' | 'outdated' | 'unclear' | 'broken' | 'other';
export type ReportStatus = 'open' | 'resolved' | 'spam';

export interface ContentReportsTable {
  id: Generated<number>;
  /** The public path the reader reported, e.g. /articles/als-overview. */
  page: string;
  lang: Lang;
  reason: ReportReason;
  details: string;
  email: string | null;
  status: ReportStatus;
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
  resolution: string | null;
}

export type RevisionOrigin = 'edit' | 'autosave' | 'import' | 'restore' | 'existing';
export type WorkflowStatus = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published';

export interface ArticleRevisionsTable {
  id: Generated<number>;
  slug: string;
  lang: Lang;
  /** 1, 2, 3… per article, as editors name them. */
  number: number;
  fields_json: string;
  origin: RevisionOrigin;
  created_by: number | null;
  created_at: string;
  approval_reason: string | null;
}

export interface ArticleWorkflowTable {
  slug: string;
  lang: Lang;
  status: WorkflowStatus;
  head_revision_id: number;
  approved_revision_id: number | null;
  published_revision_id: number | null;
  approved_by: number | null;
  approved_at: string | null;
  next_review_at: string | null;
  /** UTC ISO time a scheduled publication is due. */
  publish_at: string | null;
  submitted_at: string | null;
  updated_at: string;
}

export type BookingMode = 'in_person' | 'video' | 'phone';
export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export interface ConsultationBookingsTable {
  id: Generated<number>;
  request_id: number;
  /** UTC, ISO 8601 */
  starts_at: string;
  minutes: number;
  mode: BookingMode;
  location: string;
  clinician: string;
  status: BookingStatus;
  uid: string;
  sequence: number;
  reminder_outbox_id: number | null;
  created_at: string;
  updated_at: string;
}

export type ConsultationStatus = 'new' | 'in_progress' | 'booked' | 'closed' | 'spam';
export type ReplyVia = 'phone' | 'whatsapp' | 'email';

export interface ConsultationRequestsTable {
  id: Generated<number>;
  reference: string;
  status: ConsultationStatus;
  urgent: number;
  /** JSON list of signal codes (see features/consultation/rules.ts). */
  signals: string;
  full_name: string;
  /** E.164 */
  phone: string;
  email: string | null;
  reply_via: ReplyVia;
  preferred_time: string;
  time_zone: string;
  country: string;
  city: string;
  /** A topic slug, or 'other'. */
  condition: string;
  message: string;
  lang: Lang;
  privacy_version: string;
  consent_at: string;
  source_path: string | null;
  referrer: string | null;
  /** JSON object of utm_* tags. */
  utm: string;
  created_at: string;
  respond_by: string;
  responded_at: string | null;
  assignee_id: number | null;
  outcome: string | null;
  updated_at: string;
}

export interface ConsultationEventsTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  kind: string;
  actor_id: number | null;
  /** JSON object */
  details: string;
}

export interface RateCountersTable {
  scope: string;
  subject: string;
  window_start: string;
  hits: number;
  expires_at: string;
}

export interface SpentChallengesTable {
  signature: string;
  expires_at: string;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type Topic = Selectable<TopicsTable>;
export type NewTopic = Insertable<TopicsTable>;
export type Article = Selectable<ArticlesTable>;
/** What lists of articles show (every feature's views use it): everything but the heavy body fields. */
export const articleSummaryColumns = ['id', 'slug', 'lang', 'title', 'summary', 'published_at', 'updated_at', 'reviewed_at', 'next_review_at', 'author_id', 'reviewer_id'] as const;
export type ArticleSummary = Pick<Article, (typeof articleSummaryColumns)[number]>;
export type NewArticle = Insertable<ArticlesTable>;
export type Testimonial = Selectable<TestimonialsTable>;
export type Page = Selectable<PagesTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type ArticleRevision = Selectable<ArticleRevisionsTable>;
export type ArticleWorkflow = Selectable<ArticleWorkflowTable>;
export type ContentReport = Selectable<ContentReportsTable>;
