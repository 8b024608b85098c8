import { Injectable } from '@nestjs/common';
import { CourseCommand, courseDecider, CourseEvent, CourseState, courseStreamId, fold, placesLeft } from '@safer-cases/domain';
import { EventStore, handleCommand } from '@safer-cases/event-store';
import { CourseFacts } from '@safer-cases/domain';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';

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
    return fold(courseDecider, stored.map(({ type, data }) => ({ type, data }) as CourseEvent));
  }

  async facts(courseId: string): Promise<CourseFacts> {
    const state = await this.state(courseId);
    return state.status === 'scheduled' ? { exists: true, courseId, date: state.date, placesLeft: placesLeft(state) } : { exists: false };
  }

  async decide(courseId: string, build: (today: string) => CourseCommand, recorder: Recorder): Promise<bigint> {
    const today = this.clock.today();
    const { position } = await handleCommand(
      this.store,
      courseStreamId(courseId),
      (events: CourseEvent[]) => fold(courseDecider, events),
      (state) => courseDecider.decide(build(today), state),
      { recordedAt: this.clock.now().toISOString(), ...recorder },
    );
    return position;
  }
}
