import { DomainError } from '../shared/domain-error';

export class CourseAlreadyExists extends DomainError {
  readonly code = 'course-already-exists';
  override readonly kind = 'already-exists';
  constructor(courseId: string) {
    super(`Course ${courseId} already exists`);
  }
}

export class CourseNotFound extends DomainError {
  readonly code = 'course-not-found';
  override readonly kind = 'not-found';
  constructor(courseId: string) {
    super(`No course ${courseId} has been scheduled`, { field: 'courseId' });
  }
}

export class CapacityOutOfRange extends DomainError {
  readonly code = 'capacity-out-of-range';
  constructor(capacity: number, max: number) {
    super(`A course holds a whole number of offenders from 1 to ${max}; ${capacity} is outside that`, { field: 'capacity' });
  }
}

export class CourseFull extends DomainError {
  readonly code = 'course-full';
  constructor(courseId: string) {
    super(`Course ${courseId} has no places left; book the offender on another course`, { field: 'courseId' });
  }
}

export class AlreadyBookedOnCourse extends DomainError {
  readonly code = 'already-booked-on-course';
  constructor(caseId: string, courseId: string) {
    super(`Case ${caseId} already holds a place on course ${courseId}`, { field: 'courseId' });
  }
}

export class NotBookedOnCourse extends DomainError {
  readonly code = 'not-booked-on-course';
  constructor(caseId: string, courseId: string) {
    super(`Case ${caseId} holds no place on course ${courseId}`, { field: 'courseId' });
  }
}
