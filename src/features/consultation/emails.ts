import type { Lang, ReplyVia } from '#src/db/types.ts';

/**
 * The emails about a consultation request. They carry no health details (no condition, no message,
 * not even the patient's name to staff): email passes through servers the clinic does not control,
 * so staff are only told that a request is waiting, and where to read it.
 */

export function staffNotice(o: { lang: Lang; clinic: string; reference: string; urgent: boolean; link: string }): { subject: string; text: string } {
  if (o.lang === 'ur') {
    return {
      subject: `${o.clinic}: ${o.urgent ? 'فوری — ' : ''}مشورے کی نئی درخواست ${o.reference}`,
      text: `مشورے کی ایک نئی درخواست آئی ہے${o.urgent ? '، جس کے پیغام میں ہنگامی علامات کا ذکر ہے' : ''}۔\n\nحوالہ: ${o.reference}\n\nتفصیلات صرف ڈیش بورڈ میں ہیں:\n${o.link}\n`,
    };
  }
  return {
    subject: `${o.clinic}: ${o.urgent ? 'URGENT — ' : ''}new consultation request ${o.reference}`,
    text: `A new consultation request has arrived${o.urgent ? ', and its message mentions signs of an emergency' : ''}.\n\nReference: ${o.reference}\n\nThe details are in the dashboard only:\n${o.link}\n`,
  };
}

const channelEn: Record<ReplyVia, string> = { phone: 'by phone', whatsapp: 'on WhatsApp', email: 'by email' };
const channelUr: Record<ReplyVia, string> = { phone: 'فون پر', whatsapp: 'واٹس ایپ پر', email: 'ای میل پر' };

export function patientConfirmation(o: {
  lang: Lang;
  clinic: string;
  reference: string;
  replyVia: ReplyVia;
  /** When the clinic will answer by, already written in the patient's time zone and language. */
  by: string;
  emergency: string;
  phone: string;
}): { subject: string; text: string } {
  if (o.lang === 'ur') {
    return {
      subject: `${o.clinic}: آپ کی درخواست ${o.reference} موصول ہو گئی`,
      text:
        `آپ کی مشورے کی درخواست ہمیں مل گئی ہے۔ آپ کا حوالہ نمبر ${o.reference} ہے۔\n\n` +
        `ہمارا کوآرڈینیٹر ${o.by} تک ${channelUr[o.replyVia]} آپ سے رابطہ کرے گا۔ اگر آپ ہم سے پہلے بات کرنا چاہیں تو ${o.phone} پر فون کریں اور یہ حوالہ نمبر بتائیں۔\n\n` +
        `یہ ای میل ہنگامی صورتحال کے لیے نہیں ہے۔ ہنگامی صورت میں ${o.emergency} پر فون کریں یا قریبی ایمرجنسی میں جائیں۔\n\n` +
        `اگر آپ نے یہ درخواست نہیں بھیجی تو اس ای میل کو نظر انداز کر دیں۔\n`,
    };
  }
  return {
    subject: `${o.clinic}: we have your request ${o.reference}`,
    text:
      `We have received your consultation request. Your reference is ${o.reference}.\n\n` +
      `A coordinator will contact you ${channelEn[o.replyVia]} by ${o.by}. If you would like to talk to us sooner, call ${o.phone} and give this reference.\n\n` +
      `This email is not for emergencies. In an emergency call ${o.emergency} or go to the nearest emergency department.\n\n` +
      `If you did not send this request, you can ignore this email.\n`,
  };
}

export type BookingNews = 'booked' | 'moved' | 'cancelled' | 'reminder';

/** What the patient is told about a booking: when (in their own time zone), how, with whom; never why. */
export function bookingEmail(o: { news: BookingNews; lang: Lang; clinic: string; reference: string; when: string; how: string; clinician: string; phone: string }): { subject: string; text: string } {
  if (o.lang === 'ur') {
    const subjects: Record<BookingNews, string> = { booked: 'آپ کا مشورہ طے ہو گیا', moved: 'آپ کے مشورے کا نیا وقت', cancelled: 'آپ کا مشورہ منسوخ ہو گیا', reminder: 'یاد دہانی: آپ کا مشورہ کل ہے' };
    const lead: Record<BookingNews, string> = { booked: 'آپ کا مشورہ طے ہو گیا ہے۔', moved: 'آپ کے مشورے کا وقت بدل گیا ہے۔ نیا وقت:', cancelled: 'یہ مشورہ منسوخ کر دیا گیا ہے:', reminder: 'یاد دہانی کے طور پر، آپ کا مشورہ:' };
    return {
      subject: `${o.clinic}: ${subjects[o.news]} (${o.reference})`,
      text: `${lead[o.news]}\n\nوقت: ${o.when}\nطریقہ: ${o.how}\nڈاکٹر: ${o.clinician}\nحوالہ: ${o.reference}\n\nوقت بدلنے یا منسوخ کرنے کے لیے ${o.phone} پر فون کریں۔\n`,
    };
  }
  const subjects: Record<BookingNews, string> = { booked: 'your consultation is booked', moved: 'your consultation has a new time', cancelled: 'your consultation is cancelled', reminder: 'reminder: your consultation is tomorrow' };
  const lead: Record<BookingNews, string> = { booked: 'Your consultation is booked.', moved: 'Your consultation has moved. The new time:', cancelled: 'This consultation has been cancelled:', reminder: 'A reminder of your consultation:' };
  return {
    subject: `${o.clinic}: ${subjects[o.news]} (${o.reference})`,
    text: `${lead[o.news]}\n\nWhen: ${o.when}\nHow: ${o.how}\nWith: ${o.clinician}\nReference: ${o.reference}\n\nTo change or cancel it, call ${o.phone}.\n`,
  };
}
