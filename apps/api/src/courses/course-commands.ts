import { Injectable } from '@nestjs/common';
import { stripUndefined } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { authorize } from '../application/authorize';
import { Clock } from '../shared/clock';
import { positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { CourseLedger } from './course-ledger';
import { ScheduleCourseRequest } from './courses.controller';

/** Scheduling WDP's courses, for the API and the pages alike. */
@Injectable()
export class CourseCommands {
  constructor(
    private readonly ledger: CourseLedger,
    private readonly clock: Clock,
  ) {}

  async schedule(recorder: Recorder, body: ScheduleCourseRequest): Promise<{ courseId: string; position: string }> {
    authorize(recorder.actor, 'POST /api/courses');
    const courseId = body.courseId ?? randomUUID();
    const command = { type: 'ScheduleCourse', data: stripUndefined({ courseId, date: body.date, capacity: body.capacity, venue: body.venue, today: this.clock.today() }) } as const;
    return { courseId, ...positionOf(await this.ledger.decide(courseId, command, recorder)) };
  }
}
