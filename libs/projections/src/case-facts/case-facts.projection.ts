import { ReoffenceRecorded } from '@safer-cases/domain';
import { columnsOf, RowProjection, RowTable } from '../row-projection';
import {
  CaseFactsEvent,
  caseFactsEventTypes,
  CaseFactsRow,
  emptyCaseFacts,
  emptyVolunteerFacts,
  evolveCaseFacts,
  evolveVolunteerFacts,
  ReoffenceFactsRow,
  VolunteerFactsEvent,
  volunteerFactsEventTypes,
  VolunteerFactsRow,
} from './case-facts.rows';

export const caseFactsRows: RowTable<CaseFactsRow, CaseFactsEvent> = {
  table: 'case_facts',
  key: ['case_id'],
  columns: Object.keys(emptyCaseFacts('')) as (keyof CaseFactsRow)[],
  handles: caseFactsEventTypes,
  keyOf: ({ data }) => ({ case_id: data.caseId }),
  evolve: (row, event) => evolveCaseFacts(row ?? emptyCaseFacts(event.data.caseId), event),
  struckOut: 'refold',
};

/** One row per reoffence date of a case: two reoffences on one day are one date. */
export const reoffenceFactsRows: RowTable<ReoffenceFactsRow, ReoffenceRecorded> = {
  table: 'reoffence_facts',
  key: ['case_id', 'offence_date'],
  columns: columnsOf<ReoffenceFactsRow>({ case_id: true, offence_date: true }),
  handles: ['ReoffenceRecorded'],
  keyOf: ({ data }) => ({ case_id: data.caseId, offence_date: data.offenceDate }),
  evolve: (row, { data }) => row ?? { case_id: data.caseId, offence_date: data.offenceDate },
  // Folded again, a date stands while any reoffence of the case on that day stands.
  struckOut: 'refold',
};

export const volunteerFactsRows: RowTable<VolunteerFactsRow, VolunteerFactsEvent> = {
  table: 'volunteer_facts',
  key: ['volunteer_id'],
  columns: Object.keys(emptyVolunteerFacts('')) as (keyof VolunteerFactsRow)[],
  handles: volunteerFactsEventTypes,
  keyOf: ({ data }) => ({ volunteer_id: data.volunteerId }),
  evolve: (row, event) => evolveVolunteerFacts(row ?? emptyVolunteerFacts(event.data.volunteerId), event),
};

/**
 * The facts the targets are computed from (see libs/projections/src/targets): a row per case,
 * per reoffence date and per volunteer, each with only the business dates the targets count.
 * An entry struck out of a case counts for no target: the case's rows are folded again from what
 * stands. Not stamped with the last event, so it relies on the runner's checkpoint never to apply
 * an event twice.
 */
export class CaseFactsProjection extends RowProjection {
  constructor() {
    super('case-facts', [caseFactsRows, reoffenceFactsRows, volunteerFactsRows]);
  }
}
