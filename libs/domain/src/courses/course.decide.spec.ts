import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AlreadyBookedOnCourse,
  CapacityOutOfRange,
  CourseAlreadyExists,
  CourseCommand,
  CourseEvent,
  CourseFull,
  CourseNotFound,
  CourseState,
  NotBookedOnCourse,
  courseDecider,
  courseStreamId,
  placesLeft,
} from '.';

const courseId = '5a1c0d7e-0000-4000-8000-000000000001';
const today = '2014-03-01';
const spec = DeciderSpecification.for(courseDecider);

const scheduled = (capacity = 16): CourseEvent => ({ type: 'CourseScheduled', data: { courseId, date: '2014-04-10', capacity, venue: 'Hendon' } });
const booked = (caseId: string): CourseEvent => ({ type: 'CoursePlaceBooked', data: { courseId, caseId } });
const cancelled = (caseId: string): CourseEvent => ({ type: 'CoursePlaceCancelled', data: { courseId, caseId } });
const book = (caseId: string): CourseCommand => ({ type: 'BookCoursePlace', data: { courseId, caseId, today } });
const cancel = (caseId: string): CourseCommand => ({ type: 'CancelCoursePlace', data: { courseId, caseId, today } });
const schedule = (data: { date?: string; capacity?: number; venue?: string } = {}): CourseCommand => ({
  type: 'ScheduleCourse',
  data: { courseId, date: '2014-04-10', today, ...data },
});

const stateOf = (events: CourseEvent[]): CourseState => fold(courseDecider, events);

describe('courses', () => {
  it('names its stream after the course', () => {
    expect(courseStreamId(courseId)).toBe(`course-${courseId}`);
  });

  describe('scheduling', () => {
    it('schedules a course with its date, capacity and venue', () =>
      spec
        .given([])
        .when(schedule({ capacity: 12, venue: 'Hendon' }))
        .then([{ type: 'CourseScheduled', data: { courseId, date: '2014-04-10', capacity: 12, venue: 'Hendon' } }]));

    it('gives a course 16 places and no venue when none are named', () =>
      spec
        .given([])
        .when(schedule())
        .then([{ type: 'CourseScheduled', data: { courseId, date: '2014-04-10', capacity: 16 } }]));

    it('schedules a course months after today, since courses are planned ahead', () =>
      spec
        .given([])
        .when(schedule({ date: '2014-09-30' }))
        .then([{ type: 'CourseScheduled', data: { courseId, date: '2014-09-30', capacity: 16 } }]));

    it.each([1, 16])('accepts a capacity of %d', (capacity) =>
      spec
        .given([])
        .when(schedule({ capacity }))
        .then([{ type: 'CourseScheduled', data: { courseId, date: '2014-04-10', capacity } }]),
    );

    it.each([0, 17, -1, 1.5, Number.NaN])('refuses a capacity of %d', (capacity) =>
      spec.given([]).when(schedule({ capacity })).thenThrows(CapacityOutOfRange, 'capacity-out-of-range'),
    );

    it('refuses a course id already used, as a clash', () => {
      spec.given([scheduled()]).when(schedule()).thenThrows(CourseAlreadyExists, 'course-already-exists');
      expect(new CourseAlreadyExists(courseId).kind).toBe('already-exists');
    });
  });

  describe('booking a place', () => {
    it('books a place for a case', () =>
      spec
        .given([scheduled()])
        .when(book('case-a'))
        .then([booked('case-a')]));

    it('refuses a place on a course never scheduled, as missing', () => {
      spec.given([]).when(book('case-a')).thenThrows(CourseNotFound, 'course-not-found');
      expect(new CourseNotFound(courseId).kind).toBe('not-found');
    });

    it('refuses a second place for the same case', () =>
      spec
        .given([scheduled(), booked('case-a')])
        .when(book('case-a'))
        .thenThrows(AlreadyBookedOnCourse, 'already-booked-on-course'));

    it('books the last place and refuses the one after', () => {
      spec
        .given([scheduled(2), booked('case-a')])
        .when(book('case-b'))
        .then([booked('case-b')]);
      spec
        .given([scheduled(2), booked('case-a'), booked('case-b')])
        .when(book('case-c'))
        .thenThrows(CourseFull, 'course-full');
    });

    it('books a place freed by a cancellation', () =>
      spec
        .given([scheduled(1), booked('case-a'), cancelled('case-a')])
        .when(book('case-b'))
        .then([booked('case-b')]));
  });

  describe('cancelling a place', () => {
    it('gives back the place of a booked case', () =>
      spec
        .given([scheduled(), booked('case-a')])
        .when(cancel('case-a'))
        .then([cancelled('case-a')]));

    it('refuses to cancel a place the case does not hold', () => {
      spec
        .given([scheduled(), booked('case-a')])
        .when(cancel('case-b'))
        .thenThrows(NotBookedOnCourse, 'not-booked-on-course');
      spec
        .given([scheduled(), booked('case-a'), cancelled('case-a')])
        .when(cancel('case-a'))
        .thenThrows(NotBookedOnCourse, 'not-booked-on-course');
    });

    it('refuses to cancel on a course never scheduled', () => spec.given([]).when(cancel('case-a')).thenThrows(CourseNotFound, 'course-not-found'));
  });

  describe('places left', () => {
    it('counts capacity less the places held', () => {
      expect(placesLeft(stateOf([]))).toBe(0);
      expect(placesLeft(stateOf([scheduled(3)]))).toBe(3);
      expect(placesLeft(stateOf([scheduled(3), booked('case-a'), booked('case-b')]))).toBe(1);
      expect(placesLeft(stateOf([scheduled(3), booked('case-a'), booked('case-b'), cancelled('case-a')]))).toBe(2);
    });
  });

  it('ignores, rather than fails on, events that cannot follow the history', () => {
    expect(stateOf([booked('case-a'), cancelled('case-a')])).toEqual({ status: 'none' });
    expect(stateOf([scheduled(3), booked('case-a'), booked('case-a'), scheduled(16)])).toEqual(stateOf([scheduled(3), booked('case-a')]));
  });

  it('never holds more than its capacity, refusing as full exactly when every place is taken', () => {
    const step = fc.record({ kind: fc.constantFrom('book' as const, 'cancel' as const), caseId: fc.integer({ min: 1, max: 24 }).map((n) => `case-${n}`) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(step, { maxLength: 80 }), (capacity, steps) => {
        let state = stateOf([scheduled(capacity)]);
        const model = new Set<string>();
        for (const { kind, caseId } of steps) {
          const command = kind === 'book' ? book(caseId) : cancel(caseId);
          const full = model.size === capacity;
          let refusal: string | undefined;
          try {
            state = courseDecider.decide(command, state).reduce(courseDecider.evolve, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refusal = error.code;
          }
          if (kind === 'book' && !model.has(caseId)) {
            expect(refusal === 'course-full').toBe(full);
            if (!full) model.add(caseId);
          } else if (kind === 'cancel' && model.has(caseId)) {
            expect(refusal).toBeUndefined();
            model.delete(caseId);
          } else {
            expect(refusal).toBe(kind === 'book' ? 'already-booked-on-course' : 'not-booked-on-course');
          }
          const held = state.status === 'scheduled' ? state.bookedCaseIds : [];
          expect(held.length).toBeLessThanOrEqual(capacity);
          expect(new Set(held)).toEqual(model);
          expect(placesLeft(state)).toBe(capacity - model.size);
        }
      }),
    );
  });
});
