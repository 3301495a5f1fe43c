import type { Lang } from '#src/db/types.ts';

export type EmailKind = 'invite' | 'reset';

interface EmailValues {
  link: string;
  clinic: string;
  name: string;
  days?: number;
  minutes?: number;
}

/** The text of the account emails. Plain text only: links in HTML mail are a phishing look-alike risk. */
export function emailFor(kind: EmailKind, lang: Lang, v: EmailValues): { subject: string; text: string } {
  const ur = lang === 'ur';
  if (kind === 'invite') {
    return {
      subject: ur ? `${v.clinic}: آپ کا اسٹاف اکاؤنٹ` : `${v.clinic}: your staff account`,
      text: ur
        ? `السلام علیکم ${v.name}،\n\n${v.clinic} کے ڈیش بورڈ میں آپ کا اکاؤنٹ بنایا گیا ہے۔ اپنا پاس ورڈ بنانے کے لیے یہ لنک کھولیں (${v.days} دن تک کارآمد، صرف ایک بار):\n\n${v.link}\n\nاگر آپ کو اس کی توقع نہیں تھی تو اس ای میل کو نظر انداز کر دیں۔\n`
        : `Hello ${v.name},\n\nAn account has been created for you on the ${v.clinic} dashboard. Open this link to choose your password (it works once, for ${v.days} days):\n\n${v.link}\n\nIf you did not expect this, you can ignore this email.\n`,
    };
  }
  return {
    subject: ur ? `${v.clinic}: پاس ورڈ دوبارہ بنائیں` : `${v.clinic}: reset your password`,
    text: ur
      ? `السلام علیکم ${v.name}،\n\nپاس ورڈ دوبارہ بنانے کے لیے یہ لنک کھولیں (${v.minutes} منٹ تک کارآمد، صرف ایک بار):\n\n${v.link}\n\nاگر آپ نے یہ درخواست نہیں کی تو اس ای میل کو نظر انداز کر دیں؛ آپ کا پاس ورڈ نہیں بدلے گا۔\n`
      : `Hello ${v.name},\n\nOpen this link to choose a new password (it works once, for ${v.minutes} minutes):\n\n${v.link}\n\nIf you did not ask for this, ignore this email; your password stays as it is.\n`,
  };
}
