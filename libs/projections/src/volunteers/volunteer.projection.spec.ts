import { VolunteerEvent, volunteerDecider } from '@safer-cases/domain';
import fc from 'fast-check';
import { recorded } from '../testing/recorded';
import { VolunteerSummaryRow, evolveVolunteerSummary } from './volunteer.projection';

const volunteerId = '7a000000-0000-4000-8000-000000000001';
const caseIds = ['7a000000-0000-4000-8000-00000000000a', '7a000000-0000-4000-8000-00000000000b', '7a000000-0000-4000-8000-00000000000c'];

describe('volunteer summary', () => {
  const events = fc.constantFrom<VolunteerEvent>(
    { type: 'VolunteerRecruited', data: { volunteerId, organisation: 'home-start', recruitedOn: '2014-12-01' } },
    { type: 'VolunteerTrained', data: { volunteerId, trainedOn: '2015-01-05' } },
    { type: 'VolunteerLeft', data: { volunteerId, leftOn: '2015-06-01' } },
    ...caseIds.flatMap((caseId): VolunteerEvent[] => [
      { type: 'CoachingCaseTaken', data: { volunteerId, caseId, takenOn: '2015-02-01' } },
      { type: 'CoachingCaseReleased', data: { volunteerId, caseId, releasedOn: '2015-04-01' } },
    ]),
  );

  it('agrees with the volunteer decider on status, dates and the cases carried, for any order of events', () => {
    fc.assert(
      fc.property(fc.array(events, { maxLength: 15 }), (sequence) => {
        const state = sequence.reduce(volunteerDecider.evolve, volunteerDecider.initialState());
        const row = sequence.reduce<VolunteerSummaryRow | undefined>((current, event, index) => evolveVolunteerSummary(current, recorded(event, index + 1)), undefined);
        const summary = row && { status: row.status, trainedOn: row.trained_on, leftOn: row.left_on, open: [...row.open_case_ids].sort() };
        const expected =
          state.status === 'none'
            ? undefined
            : {
                status: state.status,
                trainedOn: 'trainedOn' in state && state.trainedOn !== undefined ? state.trainedOn : null,
                leftOn: 'leftOn' in state ? state.leftOn : null,
                open: [...new Set(state.coachingSpells.filter((spell) => spell.releasedOn === undefined).map((spell) => spell.caseId))].sort(),
              };
        expect(summary).toEqual(expected);
        expect(row?.open_coaching_cases).toBe(row?.open_case_ids.length);
      }),
    );
  });
});
