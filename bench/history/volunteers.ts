import { randomUUID } from 'node:crypto';
import {
  addDays,
  CalendarDate,
  CoachFacts,
  coachFactsOf,
  FacilitatorFacts,
  isAvailableOn,
  openCaseCount,
  VolunteerOrganisation,
  volunteerDecider,
  VolunteerState,
  volunteerStreamId,
} from '@safer-cases/domain';
import { Calendar, World } from './world';

/**
 * One provider's volunteers: recruited, trained a few weeks later, some leaving each month
 * (only those carrying no case), and replaced, so that about `size` are on hand.
 */
export class VolunteerPool {
  private readonly ids: string[] = [];
  private readonly recorder: string;

  constructor(
    private readonly world: World,
    private readonly calendar: Calendar,
    private readonly organisation: VolunteerOrganisation,
    private readonly size: number,
  ) {
    this.recorder = `${organisation}.coordinator`;
  }

  /** The volunteers already trained when the history starts, recorded on its first day. */
  seed(today: CalendarDate): void {
    for (let n = 0; n < this.size; n++) {
      const volunteerId = this.recruit(addDays(today, -this.world.random.int(60, 400)), today);
      const trainedOn = addDays(this.recruitedOn(volunteerId), this.world.random.int(14, 45));
      this.world.decide(volunteerDecider, volunteerStreamId(volunteerId), { type: 'TrainVolunteer', data: { volunteerId, trainedOn, today } }, this.recorder);
    }
  }

  /** Once a month: a few leave, and as many new ones are recruited and later trained. */
  monthly(today: CalendarDate): void {
    const { random } = this.world;
    const leaving = this.ids.filter((id) => random.chance(0.015) && this.isAvailable(id, today) && openCaseCount(this.state(id), today) === 0);
    for (const volunteerId of leaving) {
      this.world.decide(volunteerDecider, volunteerStreamId(volunteerId), { type: 'RecordVolunteerDeparture', data: { volunteerId, leftOn: today, today } }, this.recorder);
    }
    const onHand = this.ids.filter((id) => this.state(id).status !== 'left').length;
    for (let n = onHand; n < this.size; n++) {
      const volunteerId = this.recruit(today, today);
      if (random.chance(0.1)) continue;
      this.calendar.at(addDays(today, random.int(14, 45)), (day) =>
        this.world.decide(volunteerDecider, volunteerStreamId(volunteerId), { type: 'TrainVolunteer', data: { volunteerId, trainedOn: day, today: day } }, this.recorder),
      );
    }
  }

  /** Up to `count` different volunteers able to serve on `on`. */
  available(on: CalendarDate, count: number, room?: (volunteerId: string) => boolean): string[] {
    const chosen = new Set<string>();
    for (let tries = 0; tries < count * 8 && chosen.size < count; tries++) {
      const volunteerId = this.world.random.pick(this.ids);
      if (this.isAvailable(volunteerId, on) && (room === undefined || room(volunteerId))) chosen.add(volunteerId);
    }
    return [...chosen];
  }

  facilitatorFacts(volunteerId: string): FacilitatorFacts {
    const facts = coachFactsOf(this.state(volunteerId));
    return facts.exists ? { volunteerId, ...facts } : { volunteerId, exists: false };
  }

  coachFacts(volunteerId: string): CoachFacts {
    return coachFactsOf(this.state(volunteerId));
  }

  carries(volunteerId: string, on: CalendarDate): number {
    return openCaseCount(this.state(volunteerId), on);
  }

  private recruit(recruitedOn: CalendarDate, today: CalendarDate): string {
    const volunteerId = randomUUID();
    this.world.decide(
      volunteerDecider,
      volunteerStreamId(volunteerId),
      { type: 'RecruitVolunteer', data: { volunteerId, organisation: this.organisation, recruitedOn, today } },
      this.recorder,
    );
    this.ids.push(volunteerId);
    return volunteerId;
  }

  private recruitedOn(volunteerId: string): CalendarDate {
    const state = this.state(volunteerId);
    if (state.status === 'none') throw new Error(`Volunteer ${volunteerId} was never recruited`);
    return state.recruitedOn;
  }

  private isAvailable(volunteerId: string, on: CalendarDate): boolean {
    return isAvailableOn(this.state(volunteerId), on);
  }

  private state(volunteerId: string): VolunteerState {
    return this.world.state(volunteerDecider, volunteerStreamId(volunteerId));
  }
}
