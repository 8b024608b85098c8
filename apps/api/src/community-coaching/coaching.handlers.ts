import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CalendarDate, coachFactsOf, Command, fold, volunteerDecider, VolunteerEvent, volunteerStreamId } from '@safer-cases/domain';
import { caseDeciders } from '../cases/case-deciders';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { coachOfCase, releaseIfCarried } from '../volunteers/coach-release';

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

const coaching = caseDeciders['community-coaching'];

/**
 * Decided on the case (referred, no coach yet; the coach trained, not left) and on the coach's
 * own stream (at most five at once), and written to both together: racing assignments clash on
 * the coach's revision and are decided again, and a refused one writes nothing anywhere.
 */
@CommandHandler(AssignCoachCommand)
export class AssignCoachHandler implements ICommandHandler<AssignCoachCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, volunteerId, assignedOn, recorder }: AssignCoachCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const { position } = await this.cases.stepAcross(
      caseId,
      'community-coaching',
      volunteerStreamId(volunteerId),
      (loaded, coachEvents) => {
        const coach = fold(volunteerDecider, coachEvents as VolunteerEvent[]);
        return {
          onCase: coaching.decide({ type: 'AssignCoach', data: { caseId, volunteerId, assignedOn, coach: coachFactsOf(coach), today } }, loaded.state),
          onOther: volunteerDecider.decide({ type: 'TakeCoachingCase', data: { volunteerId, caseId, takenOn: assignedOn, today } }, coach),
        };
      },
      recorder,
    );
    return positionOf(position);
  }
}

/** Ends the intervention and frees its coach, together. */
@CommandHandler(EndInterventionCommand)
export class EndInterventionHandler implements ICommandHandler<EndInterventionCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, endedOn, build, recorder }: EndInterventionCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const volunteerId = coachOfCase((await this.cases.load(caseId, recorder)).events);
    if (!volunteerId) return positionOf((await this.cases.step(caseId, 'community-coaching', () => build(today), recorder)).position);
    const { position } = await this.cases.stepAcross(
      caseId,
      'community-coaching',
      volunteerStreamId(volunteerId),
      (loaded, coachEvents) => ({
        onCase: coaching.decide(build(today), loaded.state),
        onOther: releaseIfCarried(coachEvents, volunteerId, caseId, endedOn, today),
      }),
      recorder,
    );
    return positionOf(position);
  }
}
