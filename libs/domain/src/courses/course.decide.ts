import { stripUndefined } from '../cases/case-steps';
import { UnknownCommand } from '../shared/domain-error';
import { BookCoursePlace, CancelCoursePlace, CourseCommand, ScheduleCourse } from './course.commands';
import { AlreadyBookedOnCourse, CapacityOutOfRange, CourseAlreadyExists, CourseFull, CourseNotFound, NotBookedOnCourse } from './course.errors';
import { CourseEvent, CoursePlaceBooked, CoursePlaceCancelled, CourseScheduled } from './course.events';
import { CourseState, defaultCourseCapacity, maxCourseCapacity, placesLeft } from './course.state';

export const decideCourse = (command: CourseCommand, state: CourseState): CourseEvent[] => {
  switch (command.type) {
    case 'ScheduleCourse':
      return scheduleCourse(command, state);
    case 'BookCoursePlace':
      return bookCoursePlace(command, state);
    case 'CancelCoursePlace':
      return cancelCoursePlace(command, state);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

const scheduleCourse = (command: ScheduleCourse, state: CourseState): CourseScheduled[] => {
  const { courseId, date, capacity = defaultCourseCapacity, venue } = command.data;
  if (state.status !== 'none') throw new CourseAlreadyExists(courseId);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > maxCourseCapacity) throw new CapacityOutOfRange(capacity, maxCourseCapacity);
  return [{ type: 'CourseScheduled', data: stripUndefined({ courseId, date, capacity, venue }) }];
};

const bookCoursePlace = (command: BookCoursePlace, state: CourseState): CoursePlaceBooked[] => {
  const { courseId, caseId } = command.data;
  if (state.status === 'none') throw new CourseNotFound(courseId);
  if (state.bookedCaseIds.includes(caseId)) throw new AlreadyBookedOnCourse(caseId, courseId);
  if (placesLeft(state) === 0) throw new CourseFull(courseId);
  return [{ type: 'CoursePlaceBooked', data: { courseId, caseId } }];
};

const cancelCoursePlace = (command: CancelCoursePlace, state: CourseState): CoursePlaceCancelled[] => {
  const { courseId, caseId } = command.data;
  if (state.status === 'none') throw new CourseNotFound(courseId);
  if (!state.bookedCaseIds.includes(caseId)) throw new NotBookedOnCourse(caseId, courseId);
  return [{ type: 'CoursePlaceCancelled', data: { courseId, caseId } }];
};
