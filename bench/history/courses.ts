import { randomUUID } from 'node:crypto';
import { addDays, CalendarDate, CourseFacts, courseDecider, courseStreamId, placesLeft } from '@safer-cases/domain';
import { World } from './world';

const venues = ['Hendon', 'Finchley', 'Barnet', 'Edgware', 'Golders Green', 'Mill Hill', 'Whetstone', 'Colindale'];
const recorder = 'wdp.caution-officer';

/** Alcohol-awareness courses, scheduled weeks ahead on Tuesdays and Thursdays as demand needs. */
export class Courses {
  private readonly scheduled: { courseId: string; date: CalendarDate }[] = [];
  /** Index of the first course that may still have a date to come. */
  private start = 0;

  constructor(
    private readonly world: World,
    private readonly perWeek: number,
  ) {}

  /** The courses of the week beginning `monday`, recorded on `today`. */
  scheduleWeek(monday: CalendarDate, today: CalendarDate): void {
    for (let n = 0; n < this.perWeek; n++) {
      const courseId = randomUUID();
      const date = addDays(monday, n % 2 === 0 ? 1 : 3);
      const command = { type: 'ScheduleCourse' as const, data: { courseId, date, capacity: 16, venue: this.world.random.pick(venues), today } };
      this.world.decide(courseDecider, courseStreamId(courseId), command, recorder);
      this.scheduled.push({ courseId, date });
    }
    this.scheduled.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** The earliest course from `from` to `until` with a place left. */
  findPlace(from: CalendarDate, until: CalendarDate): Extract<CourseFacts, { exists: true }> | undefined {
    while (this.start < this.scheduled.length && this.scheduled[this.start].date < addDays(from, -30)) this.start++;
    for (let index = this.start; index < this.scheduled.length && this.scheduled[index].date <= until; index++) {
      const { courseId, date } = this.scheduled[index];
      if (date < from) continue;
      const left = placesLeft(this.world.state(courseDecider, courseStreamId(courseId)));
      if (left > 0) return { exists: true, courseId, date };
    }
    return undefined;
  }

  book(courseId: string, caseId: string, today: CalendarDate, correlationId: string): void {
    this.world.decide(courseDecider, courseStreamId(courseId), { type: 'BookCoursePlace', data: { courseId, caseId, today } }, recorder, correlationId);
  }

  cancel(courseId: string, caseId: string, today: CalendarDate, correlationId: string): void {
    this.world.decide(courseDecider, courseStreamId(courseId), { type: 'CancelCoursePlace', data: { courseId, caseId, today } }, recorder, correlationId);
  }
}
