import { Injectable } from '@nestjs/common';
import {
  CalendarDate,
  CoachFacts,
  coachFactsOf,
  fold,
  VolunteerCommand,
  volunteerDecider,
  VolunteerEvent,
  VolunteerState,
  volunteerStreamId,
} from '@safer-cases/domain';
import { EventStore, handleCommand } from '@safer-cases/event-store';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';

/**
 * The volunteer streams: recruitment, training, departure, and the coaching cases a Home-Start
 * coach carries (kept here so that racing assignments clash on the coach's own revision).
 */
@Injectable()
export class VolunteerLedger {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async state(volunteerId: string): Promise<VolunteerState> {
    const stored = await this.store.readStream(volunteerStreamId(volunteerId));
    return fold(volunteerDecider, stored.map(({ type, data }) => ({ type, data }) as VolunteerEvent));
  }

  /** What a panel or an assignment needs to know of a volunteer, judged later against its own date. */
  async facts(volunteerId: string): Promise<CoachFacts> {
    return coachFactsOf(await this.state(volunteerId));
  }

  async decide(volunteerId: string, build: (today: CalendarDate) => VolunteerCommand, recorder: Recorder): Promise<bigint> {
    const today = this.clock.today();
    const { position } = await handleCommand(
      this.store,
      volunteerStreamId(volunteerId),
      (events: VolunteerEvent[]) => fold(volunteerDecider, events),
      (state) => volunteerDecider.decide(build(today), state),
      { recordedAt: this.clock.now().toISOString(), ...recorder },
    );
    return position;
  }

}
