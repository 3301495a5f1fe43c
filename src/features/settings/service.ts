import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Lang } from '#src/db/types.ts';
import { readSetting, writeSetting } from './queries.ts';

const localized = z.object({ en: z.string().min(1), ur: z.string().min(1).optional() });

export const clinicSchema = z.object({
  name: z.string().min(1),
  tagline: localized,
  phone: z.string().min(3),
  whatsapp: z.string().regex(/^\+?\d{6,15}$/, 'digits with country code, e.g. +923001234567'),
  email: z.email(),
  locations: z
    .array(z.object({ name: localized, address: localized, hours: localized, map_url: z.url().optional() }))
    .default([]),
  social: z.record(z.string(), z.url()).default({}),
  languages: z.array(z.enum(['en', 'ur'])).default(['en', 'ur']),
});

export type ClinicSettings = z.infer<typeof clinicSchema>;
export type Localized = z.infer<typeof localized>;

export const defaultClinic: ClinicSettings = {
  name: 'Caresite Clinic',
  tagline: { en: 'Clear, reviewed health information and a quick answer from our team.' },
  phone: '+00 000 0000000',
  whatsapp: '+000000000000',
  email: 'care@example.org',
  locations: [],
  social: {},
  languages: ['en', 'ur'],
};

export function pick(value: Localized, lang: Lang): string {
  return (lang === 'ur' ? value.ur : undefined) ?? value.en;
}

export class SettingsService {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async clinic(): Promise<ClinicSettings> {
    const raw = await readSetting(this.db, 'clinic');
    return raw ? clinicSchema.parse(JSON.parse(raw)) : defaultClinic;
  }

  async saveClinic(input: unknown): Promise<ClinicSettings> {
    const clinic = clinicSchema.parse(input);
    await writeSetting(this.db, 'clinic', JSON.stringify(clinic));
    return clinic;
  }

  /** A number every process can poll: bumped whenever published content changes. */
  async contentVersion(): Promise<string> {
    return (await readSetting(this.db, 'content_version')) ?? '0';
  }

  async bumpContentVersion(): Promise<string> {
    const next = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    await writeSetting(this.db, 'content_version', next);
    return next;
  }
}
