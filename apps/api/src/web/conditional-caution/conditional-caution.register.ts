import { CalendarDate } from '@safer-cases/domain';
import { PersonDisplay } from '../../people/personal-data.store';
import { FormErrors } from '../forms';
import { cautionDeadline } from './conditional-caution.deadline';
import { shortReference } from './conditional-caution.steps';

/**
 * A case booked on a course, as the course's register reads it from the list read model: its
 * status, and the course its booking is on (unset once cancelled).
 */
export type RegisterEntry = {
  caseId: string;
  status: string;
  closed: boolean;
  referredOn: CalendarDate;
  deadline?: CalendarDate;
  courseId?: string;
  feePaidOn?: CalendarDate;
  attendedOn?: CalendarDate;
};

/**
 * One person booked on a course, as the register shows them: by case reference and referral
 * date (the page adds the name, each read audited). `markable` when the case is booked on this
 * course and still waits for its attendance; `completable` when it attended this course and its
 * completion is not yet recorded (the rules still judge the fee and the deadline).
 */
export type RegisterRow = {
  caseId: string;
  reference: string;
  referredOn: CalendarDate;
  deadline: CalendarDate;
  feePaidOn?: CalendarDate;
  status: string;
  closed: boolean;
  attended: boolean;
  markable: boolean;
  checked: boolean;
  completable: boolean;
  /** Ticked in the completion form, when drawn again. */
  completeChecked: boolean;
};

export const registerRowOf = (courseId: string, booked: RegisterEntry, picked: ReadonlySet<string>, pickedToComplete: ReadonlySet<string> = new Set()): RegisterRow => {
  const onThisCourse = booked.courseId === courseId;
  const markable = onThisCourse && booked.status === 'booked' && !booked.closed;
  const completable = onThisCourse && booked.status === 'attended' && !booked.closed;
  return {
    caseId: booked.caseId,
    reference: shortReference(booked.caseId),
    referredOn: booked.referredOn,
    deadline: booked.deadline ?? cautionDeadline({ referredOn: booked.referredOn }),
    feePaidOn: booked.feePaidOn,
    status: booked.status,
    closed: booked.closed,
    attended: onThisCourse && booked.attendedOn !== undefined,
    markable,
    checked: markable && picked.has(booked.caseId),
    completable,
    completeChecked: completable && pickedToComplete.has(booked.caseId),
  };
};

/** The name a register is taken by; "Not recorded" when the referral gave none. */
export const nameOf = (subject: PersonDisplay | null): string => [subject?.givenName, subject?.familyName].filter((part) => part).join(' ') || 'Not recorded';

/** The register in the order of referral, then reference. */
export const registerRows = (
  courseId: string,
  booked: readonly RegisterEntry[],
  picked: ReadonlySet<string> = new Set(),
  pickedToComplete: ReadonlySet<string> = new Set(),
): RegisterRow[] =>
  booked.map((each) => registerRowOf(courseId, each, picked, pickedToComplete)).sort((a, b) => a.referredOn.localeCompare(b.referredOn) || a.reference.localeCompare(b.reference));

/** What the API said to one person's attendance: the position it was recorded at, or the rule that refused it. */
export type MarkResult = { caseId: string; position?: string; refusal?: string };

export type RegisterOutcome = { recorded: number; position?: string; errors: FormErrors };

/**
 * The register's submission, person by person: how many were recorded, the latest position
 * written (for the next page to read its own writes), and each refusal in the GOV.UK error
 * summary, naming the case and the rule, linked to that person's row.
 */
export const registerOutcome = (results: readonly MarkResult[]): RegisterOutcome => {
  const summary = results.flatMap((result) =>
    result.refusal === undefined ? [] : [{ text: `Case ${shortReference(result.caseId)} was not recorded: ${result.refusal}`, href: `#case-${result.caseId}` }],
  );
  return { ...recordedOf(results), errors: { summary, fields: {} } };
};

/** How many were recorded, and the latest position written (for the next page to read its own writes). */
const recordedOf = (results: readonly MarkResult[]): Pick<RegisterOutcome, 'recorded' | 'position'> => {
  const positions = results.flatMap((result) => (result.position === undefined ? [] : [BigInt(result.position)]));
  const latest = positions.reduce<bigint | undefined>((max, position) => (max === undefined || position > max ? position : max), undefined);
  return { recorded: positions.length, position: latest?.toString() };
};

export const recordedText = (count: number): string => `Attendance recorded for ${count} ${count === 1 ? 'person' : 'people'}`;

/**
 * Completion recorded for many at once, person by person, as the register's attendance: how
 * many were recorded, and each refusal in the error summary naming the person (`nameOf`, from
 * the names the register already read) and the rule in plain words, linked to the tick boxes.
 */
export const completionOutcome = (results: readonly MarkResult[], nameOf: (caseId: string) => string | undefined): RegisterOutcome => {
  const summary = results.flatMap((result) => {
    if (result.refusal === undefined) return [];
    const reference = shortReference(result.caseId);
    const name = nameOf(result.caseId);
    return [{ text: `${name ? `${name} (${reference})` : `Case ${reference}`} was not recorded as completed: ${result.refusal}`, href: '#completion' }];
  });
  return { ...recordedOf(results), errors: { summary, fields: {} } };
};

export const completedText = (count: number): string => `Completion recorded for ${count} ${count === 1 ? 'person' : 'people'}`;
