import { Injectable } from '@nestjs/common';
import { CoachFacts, coachFactsOf, fold, VolunteerCommand, volunteerDecider, VolunteerEvent, VolunteerState, volunteerStreamId } from '@safer-cases/domain';
import { EventStore, handleCommand } from '@safer-cases/event-store';
import { VolunteerAccess } from '../auth/access';
import { Clock } from '../shared/clock';
import { eventMetadata, Recorder } from '../shared/recorder';

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
    return fold(
      volunteerDecider,
      stored.map(({ type, data }) => ({ type, data }) as VolunteerEvent),
    );
  }

  /** What a panel or an assignment needs to know of a volunteer, judged later against its own date. */
  async facts(volunteerId: string): Promise<CoachFacts> {
    return coachFactsOf(await this.state(volunteerId));
  }

  /** Decides on the volunteer's stream, for an actor of the volunteer's own organisation only (403 otherwise). */
  async decide(volunteerId: string, command: VolunteerCommand, recorder: Recorder): Promise<bigint> {
    const managed = {
      ...volunteerDecider,
      decide: (command: VolunteerCommand, state: VolunteerState) => {
        const organisation = state.status !== 'none' ? state.organisation : command.type === 'RecruitVolunteer' ? command.data.organisation : undefined;
        if (organisation !== undefined) VolunteerAccess.assertMayManage(recorder.actor, organisation);
        return volunteerDecider.decide(command, state);
      },
    };
    const { position } = await handleCommand(this.store, volunteerStreamId(volunteerId), managed, command, eventMetadata(recorder, this.clock.now().toISOString()));
    return position;
  }
}
