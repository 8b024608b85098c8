import { Decider } from '../shared/decider';
import { CourseCommand } from './course.commands';
import { decideCourse } from './course.decide';
import { CourseEvent } from './course.events';
import { CourseState, evolveCourse, initialCourseState } from './course.state';

export * from './course.events';
export * from './course.commands';
export * from './course.errors';
export * from './course.state';
export * from './course.decide';

export const courseDecider: Decider<CourseCommand, CourseEvent, CourseState> = {
  decide: decideCourse,
  evolve: evolveCourse,
  initialState: initialCourseState,
};
