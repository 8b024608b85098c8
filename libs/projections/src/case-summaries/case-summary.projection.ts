import { RowProjection, RowTable } from '../row-projection';
import { CaseSummaryEvent, caseSummaryEventTypes, evolveCaseSummary } from './case-summary.evolve';
import { CaseSummaryRow, caseSummaryColumns } from './case-summary.row';

export const caseSummaryRows: RowTable<CaseSummaryRow, CaseSummaryEvent> = {
  table: 'case_summaries',
  key: ['case_id'],
  columns: caseSummaryColumns,
  handles: caseSummaryEventTypes,
  keyOf: ({ data }) => ({ case_id: data.caseId }),
  evolve: evolveCaseSummary,
  appliedThrough: 'last_event_position',
  struckOut: 'refold',
};

/**
 * One row per case for the case lists: status, dates of the steps taken, coach, course, hours.
 * A struck entry is as if it had never been recorded (the row is folded again from what stands),
 * and a reopened case is open again.
 */
export class CaseSummaryProjection extends RowProjection {
  constructor() {
    super('case-summaries', [caseSummaryRows]);
  }
}
