import type { Lang } from '#src/db/types.ts';
import { html } from './html.ts';

/**
 * The widget's own texts (the keys of altcha's `Strings`), in our words. The served script
 * (http/widget-asset.ts) hands them to the widget's documented registry, `$altcha.i18n.set(language,
 * strings)`; altcha 3 has no attribute for texts. The code-challenge texts only show with ALTCHA
 * Sentinel, which the site does not use; they are here so no English ever shows on an Urdu page.
 * The footer and logo (a link to altcha.org) are switched off, so their texts are not needed.
 */
type WidgetText =
  | 'label' | 'verifying' | 'verified' | 'waitAlert' | 'verificationRequired' | 'error' | 'expired' | 'loading'
  | 'cancel' | 'reload' | 'verify' | 'enterCode' | 'enterCodeAria' | 'enterCodeFromImage' | 'getAudioChallenge';

export const widgetStrings: Record<Lang, Record<WidgetText, string>> = {
  en: {
    label: 'I am not a robot',
    verifying: 'Checking…',
    verified: 'Checked',
    waitAlert: 'Checking… please wait.',
    verificationRequired: 'Please tick the box first.',
    error: 'The check did not work.',
    expired: 'The check has run out of time. Tick the box again.',
    loading: 'Loading…',
    cancel: 'Cancel',
    reload: 'Try again',
    verify: 'Check',
    enterCode: 'Type the code',
    enterCodeAria: 'Type the code you hear. Press Space to play the sound.',
    enterCodeFromImage: 'To go on, type the code shown in the picture below.',
    getAudioChallenge: 'Hear the code instead',
  },
  ur: {
    label: 'میں روبوٹ نہیں ہوں',
    verifying: 'جانچ ہو رہی ہے…',
    verified: 'جانچ مکمل',
    waitAlert: 'جانچ ہو رہی ہے… ذرا انتظار کریں۔',
    verificationRequired: 'پہلے خانے پر نشان لگائیں۔',
    error: 'جانچ نہیں ہو سکی۔',
    expired: 'جانچ کا وقت ختم ہو گیا۔ خانے پر دوبارہ نشان لگائیں۔',
    loading: 'لوڈ ہو رہا ہے…',
    cancel: 'منسوخ کریں',
    reload: 'دوبارہ کوشش کریں',
    verify: 'جانچیں',
    enterCode: 'کوڈ لکھیں',
    enterCodeAria: 'جو کوڈ آپ سنیں وہ لکھیں۔ آواز سننے کے لیے اسپیس دبائیں۔',
    enterCodeFromImage: 'آگے بڑھنے کے لیے نیچے تصویر میں دکھایا گیا کوڈ لکھیں۔',
    getAudioChallenge: 'کوڈ سن کر لکھیں',
  },
};

/**
 * Settings the widget takes as JSON in its `configuration` attribute. `name` is the form field the
 * solution is sent in (given here rather than as a `name` attribute, which the Nu HTML checker flags
 * on a custom element). No logo or footer: they link to altcha.org, and a patient's form leads
 * nowhere else. No "human interaction signature": the widget would record pointer and scroll
 * movements, to send if the challenge server asked for them (ALTCHA's Sentinel does; ours never
 * asks), so it is better not to record them at all.
 */
const configuration = JSON.stringify({ name: 'altcha', hideLogo: true, hideFooter: true, humanInteractionSignature: false });

/**
 * The proof-of-work field, to put inside a <form>: the widget, which adds a hidden input named
 * `altcha` holding the solved challenge, and in `data-script` the address of its script. Without
 * JavaScript nothing shows and the form is sent without it (the server counts that as a signal, not
 * a refusal).
 *
 * The page does not load that script: the public script (static/app.js) fetches it when the patient
 * starts on the form (a field focused, touched or typed in) or scrolls to within half a screen of
 * the widget, whose box the stylesheet keeps free meanwhile. Loaded with the page, its ~28 KB and
 * the work of starting it were counted in the form page's Largest Contentful Paint (1.06 s on
 * Lighthouse's phone), and most readers of the page never send the form. A press of Send while the
 * script is on its way waits for it (8 s at most) so that the widget can solve first; if the script
 * never comes, the form goes without a proof of work, as with JavaScript off.
 *
 * `auto="onsubmit"`: the widget solves when the form is sent (or earlier, if the box is ticked),
 * then sends it; its checkbox is not `required` in that mode (with "onfocus" or "off" it is, and a
 * widget that cannot work would block the form). A widget that fails is removed and the form goes
 * without it (http/widget-start.ts): a patient's request never waits on a widget that cannot work.
 */
export function proofOfWorkField(o: { challengeUrl: string; scriptUrl: string; lang: Lang }): string {
  return html`<altcha-widget challenge="${o.challengeUrl}" language="${o.lang}" auto="onsubmit" configuration="${configuration}" data-strings="${JSON.stringify(widgetStrings[o.lang])}" data-script="${o.scriptUrl}"></altcha-widget>`;
}
