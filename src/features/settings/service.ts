import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '#src/db/types.ts';
import type { Actor, AuditService } from '#src/features/audit/service.ts';
import { staffLimits } from './forms.ts';
import { defaultCountry, normaliseStoredPhone } from './phone.ts';
import { readSetting, writeSetting } from './queries.ts';
import { readIntegrations, type IntegrationSettings } from '#src/jobs/integrations.ts';
import { withoutSecrets, writeIntegrations } from './integrations.ts';

// The settings forms (how each is read and its zod schema) are the service's: routes parse with them from here.
export * from './forms.ts';

const localized = z.object({ en: z.string().min(1), ur: z.string().min(1).optional() });

/**
 * The clinic as stored. Lenient on purpose: it also reads values saved before they were checked
 * (settings.yaml, older versions), and turns phone numbers into E.164 where they are valid numbers,
 * keeping any other value as it was. What an admin may save is decided by the form schemas below.
 */
export const clinicSchema = z
  .object({
    name: z.string().min(1),
    /** The clinic's name in Urdu, shown on the Urdu pages; the English name when absent. */
    nameUr: z.string().min(1).optional(),
    tagline: localized,
    /** ISO 3166 country whose dialling rules read a phone number typed without + or 00. */
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).default(defaultCountry),
    phone: z.string().min(1),
    whatsapp: z.string().min(1),
    email: z.email(),
    locations: z
      .array(z.object({ name: localized, address: localized, hours: localized, map_url: z.url().optional() }))
      .default([]),
    social: z.record(z.string(), z.url()).default({}),
    languages: z.array(z.enum(['en', 'ur'])).default(['en', 'ur']),
    /** Where the clinic is, for the times it promises and books (IANA name). */
    timeZone: z.string().min(1).default('Asia/Karachi'),
    /** The numbers to call in an emergency, shown above the consultation form (e.g. "Rescue 1122 or Edhi ambulance 115"). */
    emergency: localized.default({ en: '1122 (Rescue) or 115 (Edhi ambulance)', ur: '1122 (ریسکیو) یا 115 (ایدھی ایمبولینس)' }),
  })
  .transform((c) => ({ ...c, phone: normaliseStoredPhone(c.phone, c.country), whatsapp: normaliseStoredPhone(c.whatsapp, c.country) }));

export type ClinicSettings = z.infer<typeof clinicSchema>;
export type ClinicLocation = ClinicSettings['locations'][number];

const defaultClinic: ClinicSettings = {
  name: 'Caresite Clinic',
  tagline: { en: 'Clear, reviewed health information and a quick answer from our team.' },
  country: defaultCountry,
  phone: '+00 000 0000000',
  whatsapp: '+000000000000',
  email: 'care@example.org',
  locations: [],
  social: {},
  languages: ['en', 'ur'],
  timeZone: 'Asia/Karachi',
  emergency: { en: '1122 (Rescue) or 115 (Edhi ambulance)', ur: '1122 (ریسکیو) یا 115 (ایدھی ایمبولینس)' },
};

/** Shared between renders, so nobody may change it (a change throws, ES modules being strict). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export class SettingsService {
  private readonly db: Kysely<Database>;
  private readonly audit: AuditService;
  private readonly now: () => Date;
  private clinicParsed: { raw: string; clinic: ClinicSettings } | undefined;
  private staffParsed: { raw: string; staff: StaffSettings } | undefined;
  constructor(db: Kysely<Database>, audit: AuditService, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.now = now;
  }

  /** An admin's change: stored with its audit entry in one transaction; public pages are refreshed. */
  async updateClinic(by: Actor, input: ClinicSettings): Promise<ClinicSettings> {
    const before = await this.clinic();
    const clinic = clinicSchema.parse(input);
    await this.db.transaction().execute(async (tx) => {
      await writeSetting(tx, 'clinic', JSON.stringify(clinic), this.now());
      await this.audit.record(by, { action: 'settings.changed', target: { type: 'settings', id: 'clinic' }, details: { before, after: clinic } }, tx);
    });
    await this.bumpContentVersion();
    return clinic;
  }

  async updateStaff(by: Actor, input: StaffSettings): Promise<StaffSettings> {
    const before = await this.staff();
    const value = staffSettingsSchema.parse(input);
    await this.db.transaction().execute(async (tx) => {
      await writeSetting(tx, 'staff', JSON.stringify(value), this.now());
      await this.audit.record(by, { action: 'settings.changed', target: { type: 'settings', id: 'staff' }, details: { before, after: value } }, tx);
    });
    // Public pages state the response target.
    await this.bumpContentVersion();
    return value;
  }

  async clinic(): Promise<ClinicSettings> {
    const raw = await readSetting(this.db, 'clinic');
    if (!raw) return defaultClinic;
    // Every page render reads these: the row is read each time (another process may have changed
    // it), but parsed and checked again only when it differs from the last one read.
    if (raw !== this.clinicParsed?.raw) this.clinicParsed = { raw, clinic: deepFreeze(clinicSchema.parse(JSON.parse(raw))) };
    return this.clinicParsed.clinic;
  }

  async saveClinic(input: unknown): Promise<ClinicSettings> {
    const clinic = clinicSchema.parse(input);
    await writeSetting(this.db, 'clinic', JSON.stringify(clinic), this.now());
    return clinic;
  }

  async staff(): Promise<StaffSettings> {
    const raw = (await readSetting(this.db, 'staff')) ?? '{}';
    // Read on every public page (the response target): parsed again only when the row changed.
    if (raw !== this.staffParsed?.raw) this.staffParsed = { raw, staff: deepFreeze(staffSettingsSchema.parse(JSON.parse(raw))) };
    return this.staffParsed.staff;
  }

  /** The webhook and the text-message gateways (off until an admin sets them up). */
  integrations(): Promise<IntegrationSettings> {
    return readIntegrations(this.db);
  }

  /** An admin's change to the integrations, audited without its secrets. */
  async updateIntegrations(by: Actor, input: unknown): Promise<IntegrationSettings> {
    const before = await this.integrations();
    return this.db.transaction().execute(async (tx) => {
      const after = await writeIntegrations(tx, input, this.now());
      await this.audit.record(by, { action: 'settings.changed', target: { type: 'settings', id: 'integrations' }, details: { before: withoutSecrets(before), after: withoutSecrets(after) } }, tx);
      return after;
    });
  }

  /** A number every process can poll: bumped whenever published content changes. */
  async contentVersion(): Promise<string> {
    return (await readSetting(this.db, 'content_version')) ?? '0';
  }

  async bumpContentVersion(): Promise<string> {
    const now = this.now();
    const next = `${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`;
    await writeSetting(this.db, 'content_version', next, now);
    return next;
  }
}

// Signs that need emergency care today, as patients and families write them; a clinic edits the list.
const defaultEmergencySigns = [
  'chest pain', 'cannot breathe', "can't breathe", 'difficulty breathing', 'short of breath', 'not breathing', 'choking',
  'unconscious', 'fainted', 'seizure', 'fits', 'stroke', 'face drooping', 'severe bleeding', 'suicide', 'kill myself', 'overdose',
  'سینے میں درد', 'سانس نہیں', 'سانس لینے میں دشواری', 'سانس رک', 'دم گھٹ', 'بے ہوش', 'دورہ', 'دورے', 'فالج', 'خون بہہ', 'خودکشی', 'زیادہ گولیاں',
];

const defaultNotSuitableText = {
  en: 'Dear {name},\n\nThank you for contacting {clinic} (reference {reference}). We have read your request carefully, and we are sorry that a consultation at our clinic is not the right next step for you. Your family doctor can advise you on where to go instead.\n\nIf anything changes, or if you would like to talk about this, you are welcome to call us.\n\nWith best wishes,\n{clinic}',
  ur: 'محترم {name}،\n\n{clinic} سے رابطہ کرنے کا شکریہ (حوالہ {reference})۔ ہم نے آپ کی درخواست غور سے پڑھی ہے، اور ہمیں افسوس ہے کہ ہمارے کلینک میں مشورہ آپ کے لیے اگلا مناسب قدم نہیں ہے۔ آپ کا فیملی ڈاکٹر آپ کو بتا سکتا ہے کہ آپ کہاں رجوع کریں۔\n\nاگر کچھ بدلے، یا آپ اس بارے میں بات کرنا چاہیں، تو ہمیں فون کر سکتے ہیں۔\n\nنیک خواہشات کے ساتھ،\n{clinic}',
};

const within = ([min, max]: readonly [number, number]) => z.coerce.number().int().min(min).max(max);

export const staffSettingsSchema = z.object({
  /** Roles whose accounts must use two-step verification. */
  require2faRoles: z.array(z.enum(['admin', 'editor', 'reviewer', 'coordinator'])).default([]),
  idleMinutes: within(staffLimits.idleMinutes).default(30),
  lifetimeHours: within(staffLimits.lifetimeHours).default(12),
  responseTargetHours: within(staffLimits.responseTargetHours).default(24),
  consultationRetentionDays: within(staffLimits.consultationRetentionDays).default(365),
  /** Months from a medical reviewer's approval to the article's next review, unless the reviewer picks another date. */
  reviewIntervalMonths: within(staffLimits.reviewIntervalMonths).default(12),
  /** Words in a consultation message that flag it urgent in the inbox, English and Urdu (whole words, any case). */
  emergencySigns: z.array(z.string().min(1).max(100)).max(200).default(defaultEmergencySigns),
  /** The kind explanation a coordinator may send when a request is closed as not suitable; {name}, {reference} and {clinic} are filled in. */
  notSuitableText: localized.default(defaultNotSuitableText),
});
export type StaffSettings = z.infer<typeof staffSettingsSchema>;
