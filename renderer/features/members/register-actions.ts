/**
 * What the organisation page records besides the organisation's details: a
 * resignation in writing (Partnership Agreement 5.6) with its letter as text or an
 * attached file, the organisation archived or brought back, and its roles in the
 * consortium with their terms (appointments). Each is one transaction through the
 * repositories, so it is validated and judged like any change, and either all of it
 * is saved or none.
 */
import { z } from 'zod';
import { isoDate, optionalText } from '../../../shared/domain/common';
import { APPOINTMENT_ROLES, ATTACHMENT_MAX_BYTES, base64Parts, type Appointment } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { authorityTables } from '../../db/authority';
import type { ReadyStore } from '../../db/open';
import { ValidationError } from '../../db/repository';

export const FILE_TOO_LARGE = 'The file is larger than 5 MB: attach a smaller copy, or type the letter in instead';

/** A resignation as the form takes it; the file is held beside the form (a File is not a form value). */
export const resignationFormSchema = z.object({
  receivedOn: isoDate('the date the letter was received'),
  effectiveOn: isoDate('the date the resignation takes effect'),
  letter: optionalText('the letter', 20_000),
});
export type ResignationFormInput = z.input<typeof resignationFormSchema>;
export type ResignationFormOutput = z.output<typeof resignationFormSchema>;

export interface LetterFile {
  name: string;
  type: string;
  size: number;
  /** The file's contents in base64. */
  base64: string;
}

/** Problems with a resignation that depend on the organisation and the day: each by the field it is about. */
export function resignationProblems(values: ResignationFormOutput, file: LetterFile | undefined, context: { joinedOn: string; today: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (values.receivedOn > context.today) problems.receivedOn = `The letter cannot have been received after today, ${formatDate(context.today)}`;
  // Partnership Agreement 5.6: a resignation ends a membership, so it cannot take effect before it began.
  if (context.joinedOn !== '' && values.effectiveOn < context.joinedOn) {
    problems.effectiveOn = `The resignation cannot take effect before the organisation joined, on ${formatDate(context.joinedOn)}`;
  }
  // Partnership Agreement 5.6: the resignation is in writing.
  if (values.letter === '' && !file) problems.letter = 'Type the letter in, or attach it as a file';
  if (file && file.size > ATTACHMENT_MAX_BYTES) problems.file = FILE_TOO_LARGE;
  return problems;
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  eml: 'message/rfc822',
};

/** Base64 of some bytes, a slice at a time (String.fromCharCode takes only so many arguments). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A chosen file as a letter to attach; one over 5 MB is refused in plain words, before anything is written. */
export function letterFileOf(file: { name: string; bytes: Uint8Array }): LetterFile {
  if (file.bytes.length > ATTACHMENT_MAX_BYTES) throw new ValidationError({ file: FILE_TOO_LARGE });
  if (file.bytes.length === 0) throw new ValidationError({ file: 'The file is empty: choose the letter’s file again' });
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return { name: file.name, type: MIME_TYPES[extension] ?? 'application/octet-stream', size: file.bytes.length, base64: bytesToBase64(file.bytes) };
}

/** Records a resignation: the letter (its file attached, written once), and the organisation resigned from the date it takes effect. */
export async function recordResignation(
  store: Pick<ReadyStore, 'db' | 'repositories'>,
  organisationId: string,
  values: ResignationFormOutput,
  file: LetterFile | undefined,
): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', [db.organisations, db.attachments, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const attachmentId = file
      ? await repos.attachments.create({ name: file.name, mimeType: file.type, sizeBytes: file.size, dataBase64: base64Parts(file.base64), ownerTable: 'organisations', ownerRow: organisationId })
      : '';
    await repos.organisations.update(organisationId, {
      status: 'resigned',
      resignedOn: values.effectiveOn,
      resignationReceivedOn: values.receivedOn,
      resignationLetter: values.letter,
      ...(attachmentId ? { resignationAttachmentId: attachmentId } : {}),
    });
  });
}

/** Archives an organisation, or brings it back: one with history is never deleted. */
export async function setArchived(store: Pick<ReadyStore, 'repositories'>, organisationId: string, archived: boolean): Promise<void> {
  await store.repositories.organisations.update(organisationId, { archived });
}

export const appointmentFormSchema = z
  .object({
    role: z.enum(APPOINTMENT_ROLES, { error: 'Choose the role' }),
    from: isoDate('the date the term starts'),
    until: isoDate('the date the term ends').or(z.literal('')).default(''),
    note: optionalText('the note', 500),
  })
  .refine((a) => a.until === '' || a.until >= a.from, { message: 'The term cannot end before it starts', path: ['until'] });
export type AppointmentFormInput = z.input<typeof appointmentFormSchema>;
export type AppointmentFormOutput = z.output<typeof appointmentFormSchema>;

export async function addAppointment(store: Pick<ReadyStore, 'repositories'>, organisationId: string, values: AppointmentFormOutput): Promise<string> {
  return store.repositories.appointments.create({ ...values, organisationId });
}

/** Ends a term on a day (the last day it is held). */
export async function endAppointment(store: Pick<ReadyStore, 'repositories'>, appointmentId: string, lastDay: string): Promise<void> {
  await store.repositories.appointments.update(appointmentId, { until: lastDay });
}

/** Whether a term covers a day. */
export function holdsRoleOn(appointment: Pick<Appointment, 'from' | 'until'>, day: string): boolean {
  return appointment.from <= day && (appointment.until === '' || appointment.until >= day);
}

/** The roles held on a day, then the rest: those to come, then past ones, latest first. */
export function appointmentsInOrder<T extends Appointment>(appointments: readonly T[], day: string): { current: T[]; other: T[] } {
  const live = appointments.filter((a) => !a.deleted);
  const byFrom = (a: T, b: T) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0);
  return { current: live.filter((a) => holdsRoleOn(a, day)).sort(byFrom), other: live.filter((a) => !holdsRoleOn(a, day)).sort(byFrom) };
}

/** "1 April 2026 to 31 March 2027", "from 1 April 2026". */
export function termWords(a: Pick<Appointment, 'from' | 'until'>): string {
  return a.until ? `${formatDate(a.from)} to ${formatDate(a.until)}` : `from ${formatDate(a.from)}`;
}
