import { onFirstUse } from '#src/platform/first-use.ts';
import { z } from 'zod';
import type { BookingMode } from '#src/db/types.ts';

/** The rules of booking a consultation: the clinic's local time, the form, and the calendar invitation. */

export const bookingModes = ['in_person', 'video', 'phone'] as const satisfies readonly BookingMode[];
export const attendanceOutcomes = ['attended', 'no_show'] as const;

/** The booking form as posted: date and time are the clinic's wall clock. */
export const bookingForm = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'booking.error.date'),
  time: z.string().regex(/^\d{2}:\d{2}$/, 'booking.error.time'),
  minutes: z.coerce.number().int().min(10, 'booking.error.minutes').max(240, 'booking.error.minutes'),
  mode: z.enum(bookingModes, 'field.required'),
  location: z.string().trim().max(200),
  clinician: z.string().trim().min(1, 'booking.error.clinician').max(200),
});
export type BookingForm = z.infer<typeof bookingForm>;

export interface Invitation {
  uid: string;
  sequence: number;
  start: Date;
  minutes: number;
  title: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  cancelled: boolean;
}

// The calendar package (and the validation library it brings) is loaded with the first booking: a
// process that only serves readers never needs it.
const calendar = onFirstUse(() => import('ics'));

/** The iCalendar text of the invitation (or its cancellation), which mail apps offer to add to a calendar. */
export async function invitationText(i: Invitation): Promise<string> {
  const { createEvent } = await calendar();
  const { error, value } = createEvent({
    uid: i.uid,
    sequence: i.sequence,
    method: i.cancelled ? 'CANCEL' : 'REQUEST',
    status: i.cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: i.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: i.minutes },
    title: i.title,
    description: i.description,
    location: i.location,
    organizer: i.organizer,
    attendees: [{ ...i.attendee, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
    productId: 'caresite/consultations',
  });
  if (error || !value) throw error ?? new Error('the calendar invitation could not be made');
  return value;
}
