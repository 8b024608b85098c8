import { CourseEvent, VolunteerEvent, courseDecider, placesLeft, volunteerDecider } from '@safer-cases/domain';
import fc from 'fast-check';
import { CourseModel, evolveCourseSummary } from './course.projection';
import { VolunteerSummaryRow, evolveVolunteerSummary } from './volunteer.projection';

const stamp = { last_event_position: '1', updated_at: '2015-01-01T12:00:00.000Z' };
const volunteerId = '7a000000-0000-4000-8000-000000000001';
const courseId = '7a000000-0000-4000-8000-000000000002';
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
        const row = sequence.reduce<VolunteerSummaryRow | undefined>((current, event) => evolveVolunteerSummary(current, event, stamp), undefined);
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

describe('course summary', () => {
  const events = fc.constantFrom<CourseEvent>(
    { type: 'CourseScheduled', data: { courseId, date: '2015-03-05', capacity: 2, venue: 'Hendon' } },
    ...caseIds.flatMap((caseId): CourseEvent[] => [
      { type: 'CoursePlaceBooked', data: { courseId, caseId } },
      { type: 'CoursePlaceCancelled', data: { courseId, caseId } },
    ]),
  );

  it('agrees with the course decider on places booked and left, for any order of events', () => {
    fc.assert(
      fc.property(fc.array(events, { maxLength: 15 }), (sequence) => {
        const state = sequence.reduce(courseDecider.evolve, courseDecider.initialState());
        const model = sequence.reduce<CourseModel | undefined>((current, event) => evolveCourseSummary(current, event, stamp), undefined);
        const summary = model && { booked: [...model.bookedCaseIds].sort(), count: model.row.booked_count, left: model.row.places_left };
        const expected = state.status === 'none' ? undefined : { booked: [...state.bookedCaseIds].sort(), count: state.bookedCaseIds.length, left: placesLeft(state) };
        expect(summary).toEqual(expected);
      }),
    );
  });

  it('counts attendance recorded on the cases', () => {
    const scheduled: CourseEvent = { type: 'CourseScheduled', data: { courseId, date: '2015-03-05', capacity: 16 } };
    const model = [scheduled].reduce<CourseModel | undefined>((current, event) => evolveCourseSummary(current, event, stamp), undefined);
    const attended = evolveCourseSummary(model, { type: 'CourseAttended', data: { caseId: caseIds[0], courseId, attendedOn: '2015-03-05' } }, stamp);
    expect({ attended: attended?.row.attended_count, venue: attended?.row.venue }).toEqual({ attended: 1, venue: null });
  });
});
