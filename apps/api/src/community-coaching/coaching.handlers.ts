import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CalendarDate, Command } from '@safer-cases/domain';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { VolunteerLedger } from '../volunteers/volunteer-ledger';

export class AssignCoachCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly volunteerId: string,
    readonly assignedOn: CalendarDate,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** Completion or withdrawal: the intervention ends on `endedOn` and the coach is freed. */
export class EndInterventionCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly endedOn: CalendarDate,
    readonly build: (today: CalendarDate) => Command,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/**
 * The case is checked first (referred, no coach yet, the coach trained and not left), then the
 * coach's own stream takes the case, where the limit of five at once holds however assignments
 * race; last, the case records it, or the coach is freed again if the case changed meanwhile.
 */
@CommandHandler(AssignCoachCommand)
export class AssignCoachHandler implements ICommandHandler<AssignCoachCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly volunteers: VolunteerLedger,
  ) {}

  async execute({ caseId, volunteerId, assignedOn, recorder }: AssignCoachCommand): Promise<CommandResult> {
    const coach = await this.volunteers.facts(volunteerId);
    const today = this.cases.today();
    const assign = { type: 'AssignCoach', data: { caseId, volunteerId, assignedOn, coach, today } };
    await this.cases.decideOnly(caseId, 'community-coaching', assign);
    await this.volunteers.decide(volunteerId, (day) => ({ type: 'TakeCoachingCase', data: { volunteerId, caseId, takenOn: assignedOn, today: day } }), recorder);
    try {
      const { position } = await this.cases.step(caseId, 'community-coaching', () => assign, recorder);
      return positionOf(position);
    } catch (error) {
      await this.volunteers.decide(
        volunteerId,
        (day) => ({ type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn: assignedOn, today: day } }),
        recorder,
      );
      throw error;
    }
  }
}

@CommandHandler(EndInterventionCommand)
export class EndInterventionHandler implements ICommandHandler<EndInterventionCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly volunteers: VolunteerLedger,
  ) {}

  async execute({ caseId, endedOn, build, recorder }: EndInterventionCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const ended = await this.cases.step(caseId, 'community-coaching', () => build(today), recorder);
    const released = await this.volunteers.releaseCoachOf(caseId, endedOn, recorder);
    return positionOf(released ?? ended.position);
  }
}
