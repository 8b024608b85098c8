import { CalendarDate } from '../shared/calendar-date';
import { CourseEvent } from './course.events';

export const maxCourseCapacity = 16;
export const defaultCourseCapacity = 16;

export type CourseState = { status: 'none' } | { status: 'scheduled'; courseId: string; date: CalendarDate; capacity: number; venue?: string; bookedCaseIds: readonly string[] };

export const initialCourseState = (): CourseState => ({ status: 'none' });

export const evolveCourse = (state: CourseState, event: CourseEvent): CourseState => {
  switch (event.type) {
    case 'CourseScheduled':
      if (state.status !== 'none') return state;
      return { status: 'scheduled', ...event.data, bookedCaseIds: [] };
    case 'CoursePlaceBooked':
      if (state.status !== 'scheduled' || state.bookedCaseIds.includes(event.data.caseId)) return state;
      return { ...state, bookedCaseIds: [...state.bookedCaseIds, event.data.caseId] };
    case 'CoursePlaceCancelled':
      if (state.status !== 'scheduled') return state;
      return { ...state, bookedCaseIds: state.bookedCaseIds.filter((caseId) => caseId !== event.data.caseId) };
    default:
      return state;
  }
};

export const placesLeft = (state: CourseState): number => (state.status === 'scheduled' ? Math.max(0, state.capacity - state.bookedCaseIds.length) : 0);
