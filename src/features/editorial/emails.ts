import type { Lang } from '#src/db/types.ts';

/** The email that tells a medical reviewer an article waits for them; the article itself stays in the dashboard. */
export function reviewWaitingEmail(lang: Lang, title: string, link: string): { subject: string; text: string } {
  if (lang === 'ur') {
    return {
      subject: `طبی جائزے کا منتظر: ${title}`,
      text: `ایک مضمون آپ کے طبی جائزے کا منتظر ہے:\n\n${title}\n\nجائزے کی فہرست اور مضمون ڈیش بورڈ میں ہیں:\n${link}\n`,
    };
  }
  return {
    subject: `Waiting for medical review: ${title}`,
    text: `An article is waiting for your medical review:\n\n${title}\n\nOpen it in the dashboard to read the findings of the checks and sign it off or send it back:\n${link}\n`,
  };
}
