import { Injectable } from '@nestjs/common';
import {
  CalendarDate,
  caseStreamId,
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

  /**
   * Frees the coach of a coaching case that ended (completed, withdrawn or closed). Returns the
   * position written, or undefined when no coach carried the case.
   */
  async releaseCoachOf(caseId: string, releasedOn: CalendarDate, recorder: Recorder): Promise<bigint | undefined> {
    const caseEvents = await this.store.readStream(caseStreamId(caseId));
    const assigned = caseEvents.filter((event) => event.type === 'CoachAssigned').at(-1);
    if (!assigned) return undefined;
    const volunteerId = String(assigned.data.volunteerId);
    const coach = await this.state(volunteerId);
    const carried = coach.status !== 'none' && coach.coachingSpells.some((spell) => spell.caseId === caseId && spell.releasedOn === undefined);
    if (!carried) return undefined;
    return this.decide(volunteerId, (today) => ({ type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn, today } }), recorder);
  }
}
