import type { Lang } from '#src/db/types.ts';
import type { ClinicSettings } from '#src/features/settings/service.ts';

/** A setting given in English and maybe Urdu, in the page's language (English when there is no Urdu). */
export function pick(value: { en: string; ur?: string | undefined }, lang: Lang): string {
  return (lang === 'ur' ? value.ur : undefined) ?? value.en;
}

/** The clinic's name in the page's language: the Urdu one on Urdu pages when there is one, else the English one. */
export function clinicName(clinic: Pick<ClinicSettings, 'name' | 'nameUr'>, lang: Lang): string {
  return (lang === 'ur' ? clinic.nameUr : undefined) ?? clinic.name;
}

const networkNames: Record<string, string> = {
  facebook: 'Facebook', instagram: 'Instagram', x: 'X', twitter: 'X (Twitter)', youtube: 'YouTube', linkedin: 'LinkedIn', tiktok: 'TikTok', whatsapp: 'WhatsApp', telegram: 'Telegram',
};

/** A social link's name as shown: settings.yaml keys such as "facebook" get the network's own spelling; names typed in Settings are shown as typed. */
export function socialName(key: string): string {
  return networkNames[key] ?? key;
}

/** Only web links become links: a stored value from before links were checked could be `javascript:` or the like. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
