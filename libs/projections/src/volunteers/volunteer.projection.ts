import { CalendarDate, VolunteerEvent, VolunteerOrganisation, VolunteerState } from '@safer-cases/domain';
import { columnsOf, Recorded, RowProjection, RowTable, Stamp, stampOf } from '../row-projection';

export type VolunteerStatus = Exclude<VolunteerState['status'], 'none'>;

export type VolunteerSummaryRow = {
  volunteer_id: string;
  organisation: VolunteerOrganisation;
  status: VolunteerStatus;
  recruited_on: CalendarDate;
  trained_on: CalendarDate | null;
  left_on: CalendarDate | null;
  /** The coaching cases taken and not yet released. */
  open_case_ids: string[];
  open_coaching_cases: number;
} & Stamp;

const columns = columnsOf<VolunteerSummaryRow>({
  volunteer_id: true,
  organisation: true,
  status: true,
  recruited_on: true,
  trained_on: true,
  left_on: true,
  open_case_ids: true,
  open_coaching_cases: true,
  last_event_position: true,
  updated_at: true,
});

const handled: Record<VolunteerEvent['type'], true> = {
  VolunteerRecruited: true,
  VolunteerTrained: true,
  VolunteerLeft: true,
  CoachingCaseTaken: true,
  CoachingCaseReleased: true,
};

const withOpenCases = (row: VolunteerSummaryRow, openCaseIds: string[]): VolunteerSummaryRow => ({
  ...row,
  open_case_ids: openCaseIds,
  open_coaching_cases: openCaseIds.length,
});

/** Mirrors the volunteer decider's `evolve`: training only after recruitment, leaving once. */
export const evolveVolunteerSummary = (row: VolunteerSummaryRow | undefined, event: Recorded<VolunteerEvent>): VolunteerSummaryRow | undefined => {
  if (event.type === 'VolunteerRecruited') {
    if (row) return row;
    const { volunteerId, organisation, recruitedOn } = event.data;
    return {
      volunteer_id: volunteerId,
      organisation,
      status: 'recruited',
      recruited_on: recruitedOn,
      trained_on: null,
      left_on: null,
      open_case_ids: [],
      open_coaching_cases: 0,
      ...stampOf(event),
    };
  }
  if (row === undefined) return undefined;
  const next = { ...row, ...stampOf(event) };
  switch (event.type) {
    case 'VolunteerTrained':
      return next.status === 'recruited' ? { ...next, status: 'trained', trained_on: event.data.trainedOn } : next;
    case 'VolunteerLeft':
      return next.status === 'left' ? next : { ...next, status: 'left', left_on: event.data.leftOn };
    case 'CoachingCaseTaken':
      return next.open_case_ids.includes(event.data.caseId) ? next : withOpenCases(next, [...next.open_case_ids, event.data.caseId]);
    case 'CoachingCaseReleased':
      return withOpenCases(
        next,
        next.open_case_ids.filter((caseId) => caseId !== event.data.caseId),
      );
    default:
      return next;
  }
};

export const volunteerRows: RowTable<VolunteerSummaryRow, VolunteerEvent> = {
  table: 'volunteer_summaries',
  key: ['volunteer_id'],
  columns,
  handles: Object.keys(handled) as VolunteerEvent['type'][],
  keyOf: ({ data }) => ({ volunteer_id: data.volunteerId }),
  evolve: evolveVolunteerSummary,
  appliedThrough: 'last_event_position',
};

/** The volunteer roster: organisation, recruitment, training, departure, coaching cases carried now. */
export class VolunteerProjection extends RowProjection {
  constructor() {
    super('volunteers', [volunteerRows]);
  }
}
