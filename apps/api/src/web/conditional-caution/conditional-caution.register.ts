import { CalendarDate } from '@safer-cases/domain';
import { FormErrors } from '../forms';
import { cautionDeadline } from './conditional-caution.deadline';
import { shortReference } from './conditional-caution.steps';
import { CaseView } from './conditional-caution.views';

/**
 * One person booked on a course, as the register shows them: by case reference and referral
 * date only (names are read, and audited, on the case's own page). `markable` when the case
 * is booked on this course and still waits for its attendance.
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
};

export const registerRowOf = (courseId: string, view: CaseView, picked: ReadonlySet<string>): RegisterRow => {
  const { state } = view;
  const onThisCourse = state.booking?.courseId === courseId;
  const markable = onThisCourse && view.status === 'booked' && !view.closed;
  return {
    caseId: view.caseId,
    reference: shortReference(view.caseId),
    referredOn: state.referredOn,
    deadline: state.deadline ?? cautionDeadline({ referredOn: state.referredOn }),
    feePaidOn: state.feePaidOn,
    status: view.status,
    closed: view.closed,
    attended: onThisCourse && state.attendedOn !== undefined,
    markable,
    checked: markable && picked.has(view.caseId),
  };
};

/** The register in the order of referral, then reference. */
export const registerRows = (courseId: string, views: readonly CaseView[], picked: ReadonlySet<string> = new Set()): RegisterRow[] =>
  views.map((view) => registerRowOf(courseId, view, picked)).sort((a, b) => a.referredOn.localeCompare(b.referredOn) || a.reference.localeCompare(b.reference));

/** What the API said to one person's attendance: the position it was recorded at, or the rule that refused it. */
export type MarkResult = { caseId: string; position?: string; refusal?: string };

export type RegisterOutcome = { recorded: number; position?: string; errors: FormErrors };

/**
 * The register's submission, person by person: how many were recorded, the latest position
 * written (for the next page to read its own writes), and each refusal in the GOV.UK error
 * summary, naming the case and the rule, linked to that person's row.
 */
export const registerOutcome = (results: readonly MarkResult[]): RegisterOutcome => {
  const positions = results.flatMap((result) => (result.position === undefined ? [] : [BigInt(result.position)]));
  const latest = positions.reduce<bigint | undefined>((max, position) => (max === undefined || position > max ? position : max), undefined);
  const summary = results.flatMap((result) =>
    result.refusal === undefined ? [] : [{ text: `Case ${shortReference(result.caseId)} was not recorded: ${result.refusal}`, href: `#case-${result.caseId}` }],
  );
  return { recorded: positions.length, position: latest?.toString(), errors: { summary, fields: {} } };
};

export const recordedText = (count: number): string => `Attendance recorded for ${count} ${count === 1 ? 'person' : 'people'}`;
