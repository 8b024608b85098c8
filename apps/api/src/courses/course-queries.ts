import { Injectable } from '@nestjs/common';
import { CourseNotFound, placesLeft } from '@safer-cases/domain';
import { CourseSummaryView, listCourses } from '@safer-cases/projections/courses';
import { authorize } from '../application/authorize';
import { AuditActor } from '../audit/audit-actor';
import { CaseAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { PersonalDataStore } from '../people/personal-data.store';
import { CourseCalendarQuery } from '../queries/course-calendar.query';
import { Database } from '../shared/database';
import { CourseLedger } from './course-ledger';
import { CourseRegister, readCourseRegister } from './course-register.queries';

export type CourseView = { courseId: string; date: string; capacity: number; venue?: string; placesLeft: number; bookedCaseIds: readonly string[] };

/** Reading WDP's courses, for the API and the pages alike: the calendar with places left, and one course with who is booked. */
@Injectable()
export class CourseQueries {
  constructor(
    private readonly database: Database,
    private readonly ledger: CourseLedger,
    private readonly personalData: PersonalDataStore,
  ) {}

  async calendar(actor: Actor, query: CourseCalendarQuery): Promise<{ items: CourseSummaryView[] }> {
    authorize(actor, 'GET /api/courses');
    return { items: await listCourses(this.database.pool, { from: query.from, to: query.to }) };
  }

  async get(actor: Actor, courseId: string): Promise<CourseView> {
    authorize(actor, 'GET /api/courses/:id');
    const state = await this.ledger.state(courseId);
    if (state.status !== 'scheduled') throw new CourseNotFound(courseId);
    const { status: _status, ...course } = state;
    return { ...course, placesLeft: placesLeft(state) };
  }

  /**
   * A course's register: the course and every case booked on it from one read-model query,
   * however many are booked, and their names from one personal-data read, each name's read
   * audited under its case. 403 when any booked case is not one the actor may work on, as
   * reading that case would be.
   */
  async register(actor: Actor, by: AuditActor, courseId: string): Promise<CourseRegister> {
    authorize(actor, 'GET /api/courses/:id');
    const register = await readCourseRegister(this.database.pool, courseId);
    if (!register) throw new CourseNotFound(courseId);
    for (const booked of register.booked) CaseAccess.assertMayWorkOn(actor, booked);
    const names = await this.personalData.displayForCases(
      register.booked.map(({ personId, caseId }) => ({ personId, caseId })),
      by,
    );
    return { course: register.course, booked: register.booked.map(({ personId, ...booked }) => ({ ...booked, subject: names.get(personId) ?? null })) };
  }
}
