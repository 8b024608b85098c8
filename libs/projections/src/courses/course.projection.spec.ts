import { CourseEvent, courseDecider, placesLeft } from '@safer-cases/domain';
import fc from 'fast-check';
import { recorded } from '../testing/recorded';
import { CourseModel, CourseSummaryEvent, evolveCourseSummary } from './course.projection';

const courseId = '7a000000-0000-4000-8000-000000000002';
const caseIds = ['7a000000-0000-4000-8000-00000000000a', '7a000000-0000-4000-8000-00000000000b', '7a000000-0000-4000-8000-00000000000c'];

const fold = (events: readonly CourseSummaryEvent[]): CourseModel | undefined =>
  events.reduce<CourseModel | undefined>((current, event, index) => evolveCourseSummary(current, recorded(event, index + 1)), undefined);

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
        const model = fold(sequence);
        const summary = model && { booked: [...model.booked_case_ids].sort(), count: model.booked_count, left: model.places_left };
        const expected = state.status === 'none' ? undefined : { booked: [...state.bookedCaseIds].sort(), count: state.bookedCaseIds.length, left: placesLeft(state) };
        expect(summary).toEqual(expected);
      }),
    );
  });

  it('counts attendance recorded on the cases', () => {
    const attended = fold([
      { type: 'CourseScheduled', data: { courseId, date: '2015-03-05', capacity: 16 } },
      { type: 'CourseAttended', data: { caseId: caseIds[0], courseId, attendedOn: '2015-03-05' } },
    ]);
    expect({ attended: attended?.attended_count, venue: attended?.venue }).toEqual({ attended: 1, venue: null });
  });
});
