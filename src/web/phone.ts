import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * How a stored clinic number is shown and dialled. Numbers are stored in E.164; one stored before
 * numbers were checked may be anything, so it is shown as stored and dialled from its digits.
 */

function parsed(value: string) {
  const number = parsePhoneNumberFromString(value);
  return number?.isValid() && number.number === value ? number : undefined;
}

/** "+92 300 1234567": international format, with no-break spaces so it never wraps inside. */
export function phoneText(value: string): string {
  return (parsed(value)?.formatInternational() ?? value).replaceAll(' ', '\u00a0');
}

/** `tel:+923001234567`, or '' when the value holds no digits to dial. */
export function telHref(value: string): string {
  const number = parsed(value)?.number ?? value.replace(/[^\d+]/g, '');
  return /\d/.test(number) ? `tel:${number}` : '';
}

/** `https://wa.me/923001234567` (wa.me takes the full number without + or leading zeros), or '' when there is no number. */
export function whatsappHref(value: string): string {
  const number = parsed(value);
  if (number) return `https://wa.me/${number.number.slice(1)}`;
  const digits = value.replace(/\D/g, '');
  return digits && !digits.startsWith('0') ? `https://wa.me/${digits}` : '';
}
