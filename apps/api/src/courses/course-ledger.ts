import { Injectable } from '@nestjs/common';
import { CourseCommand, courseDecider, CourseEvent, CourseFacts, CourseState, courseStreamId, Event, fold } from '@safer-cases/domain';
import { EventStore, handleCommand } from '@safer-cases/event-store';
import { Clock } from '../shared/clock';
import { eventMetadata, Recorder } from '../shared/recorder';

/** What a booking needs to know of the course it names. */
export const courseFactsOf = (courseId: string, events: Event[]): { state: CourseState; facts: CourseFacts } => {
  const state = fold(courseDecider, events as CourseEvent[]);
  const facts: CourseFacts = state.status === 'scheduled' ? { exists: true, courseId, date: state.date } : { exists: false };
  return { state, facts };
};

/**
 * The course streams: scheduling, and the places taken and given back. Capacity holds because
 * every place is an append at the course stream's expected revision, re-decided on a clash.
 */
@Injectable()
export class CourseLedger {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async state(courseId: string): Promise<CourseState> {
    const stored = await this.store.readStream(courseStreamId(courseId));
    return fold(
      courseDecider,
      stored.map(({ type, data }) => ({ type, data }) as CourseEvent),
    );
  }

  async decide(courseId: string, command: CourseCommand, recorder: Recorder): Promise<bigint> {
    const { position } = await handleCommand(this.store, courseStreamId(courseId), courseDecider, command, eventMetadata(recorder, this.clock.now().toISOString()));
    return position;
  }
}
