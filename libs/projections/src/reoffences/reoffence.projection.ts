import { CalendarDate, ReoffenceRecorded } from '@safer-cases/domain';
import { columnsOf, Recorded, RowProjection, RowTable } from '../row-projection';

/** A row of `reoffences`: one per event, keyed by the event's position (a bigint, as its decimal string). */
export type ReoffenceRow = { position: string; case_id: string; offence_date: CalendarDate; reference: string | null };

export const evolveReoffence = (row: ReoffenceRow | undefined, { position, data }: Recorded<ReoffenceRecorded>): ReoffenceRow =>
  row ?? { position: position.toString(), case_id: data.caseId, offence_date: data.offenceDate, reference: data.reference ?? null };

export const reoffenceRows: RowTable<ReoffenceRow, ReoffenceRecorded> = {
  table: 'reoffences',
  key: ['position'],
  columns: columnsOf<ReoffenceRow>({ position: true, case_id: true, offence_date: true, reference: true }),
  handles: ['ReoffenceRecorded'],
  // A reoffence without its case or date is left out, as the other list tables leave out an event without their key.
  keyOf: ({ position, data }) => (typeof data.caseId === 'string' && typeof data.offenceDate === 'string' ? { position: position.toString() } : undefined),
  evolve: evolveReoffence,
  // The one event a row holds is its own: applied again, it finds its row there.
  appliedThrough: 'position',
  // Folded again without it, a struck reoffence's row is gone.
  struckOut: 'refold',
};

/** Every reoffence recorded on any case and not struck out, keyed by its event's position so that a replayed batch adds nothing. */
export class ReoffenceProjection extends RowProjection {
  constructor() {
    super('reoffences', [reoffenceRows]);
  }
}
