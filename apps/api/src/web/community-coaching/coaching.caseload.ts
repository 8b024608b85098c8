import { CalendarDate, maxCoachingCases } from '@safer-cases/domain';
import { interventionProgress, InterventionProgress } from './coaching-guide';
import { shortReference } from './coaching.steps';

/** A volunteer as the roster with names gives one (VolunteerQueries.roster, `names=true`); each name read is audited. */
export type RosterVolunteer = {
  volunteerId: string;
  organisation: string;
  status: string;
  recruitedOn: CalendarDate;
  trainedOn?: CalendarDate;
  leftOn?: CalendarDate;
  openCoachingCases: number;
  openCaseIds: string[];
  /** Null when no name is held; absent when the roster was read without names. */
  name?: { givenName?: string; familyName?: string; erased: boolean } | null;
};

/** A coaching case as the case list gives it (CaseQueries.list), as far as these pages use it. */
export type CaseListItem = {
  caseId: string;
  status: string;
  closed: boolean;
  referrer: { organisation: string };
  referredOn: CalendarDate;
  volunteerId?: string;
  coachAssignedOn?: CalendarDate;
  startedOn?: CalendarDate;
  completedOn?: CalendarDate;
  withdrawnOn?: CalendarDate;
  totalHours?: number;
  sessionCount?: number;
};

export type CaseListPage = { items: CaseListItem[]; nextCursor: string | null };

/** A coach's load in words and figures: "3 of 5 interventions". */
export type CoachLoad = { load: number; room: number; full: boolean; loadInWords: string };

export const loadOf = (openCoachingCases: number): CoachLoad => {
  const room = Math.max(0, maxCoachingCases - openCoachingCases);
  return { load: openCoachingCases, room, full: room === 0, loadInWords: `${openCoachingCases} of ${maxCoachingCases} interventions` };
};

/** How a coach is shown: by name where one is held, always with the short reference staff type. */
export const coachName = (volunteer: Pick<RosterVolunteer, 'volunteerId' | 'name'>): string => {
  const reference = shortReference(volunteer.volunteerId);
  const name = [volunteer.name?.givenName, volunteer.name?.familyName].filter((part) => part).join(' ');
  return name ? `${name} (${reference})` : `Coach ${reference}`;
};

/** Trained on some date and not left: the roster's reading of "active" (the coach assignment judges each date). */
export const isActiveCoach = (volunteer: RosterVolunteer): boolean => volunteer.trainedOn !== undefined && volunteer.leftOn === undefined;

export type CoachChoice = RosterVolunteer & CoachLoad & { reference: string; displayName: string };

/**
 * The coaches a case may be given: Home-Start's, trained, not left, with room for one more;
 * the least loaded first, so work spreads. The assignment itself still judges training and
 * departure against its own date, and the load on it.
 */
export const coachChoices = (roster: readonly RosterVolunteer[]): CoachChoice[] =>
  roster
    .filter((volunteer) => volunteer.organisation === 'home-start' && isActiveCoach(volunteer) && volunteer.openCoachingCases < maxCoachingCases)
    .map((volunteer) => ({ ...volunteer, ...loadOf(volunteer.openCoachingCases), reference: shortReference(volunteer.volunteerId), displayName: coachName(volunteer) }))
    .sort((a, b) => a.load - b.load);

export type CaseloadCase = {
  caseId: string;
  reference: string;
  /** Undefined when the case list did not hold the case (it then shows by reference only). */
  summary?: CaseListItem;
  progress?: InterventionProgress;
};

export type CoachCaseload = RosterVolunteer & CoachLoad & { reference: string; displayName: string; cases: CaseloadCase[] };

/** The progress of a listed intervention against the guide, once it has started. */
export const progressOf = (summary: CaseListItem, today: CalendarDate): InterventionProgress | undefined =>
  summary.startedOn === undefined
    ? undefined
    : interventionProgress({
        startedOn: summary.startedOn,
        endedOn: summary.completedOn ?? summary.withdrawnOn,
        quarterHours: Math.round((summary.totalHours ?? 0) * 4),
        today,
      });

/**
 * Each coach's caseload: the cases the roster says they carry, with what the case list says of
 * each. Active coaches are shown even with no cases (they have room); a coach who left is shown
 * only while still carrying a case.
 */
export const caseloadOf = (roster: readonly RosterVolunteer[], openCases: readonly CaseListItem[], today: CalendarDate): CoachCaseload[] => {
  const byId = new Map(openCases.map((item) => [item.caseId, item]));
  return roster
    .filter((volunteer) => volunteer.organisation === 'home-start' && (isActiveCoach(volunteer) || volunteer.openCaseIds.length > 0))
    .map((volunteer) => ({
      ...volunteer,
      ...loadOf(volunteer.openCoachingCases),
      reference: shortReference(volunteer.volunteerId),
      displayName: coachName(volunteer),
      cases: volunteer.openCaseIds.map((caseId) => {
        const summary = byId.get(caseId);
        return { caseId, reference: shortReference(caseId), summary, progress: summary ? progressOf(summary, today) : undefined };
      }),
    }));
};
