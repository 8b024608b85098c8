import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CalendarDate, coachFactsOf, Event, CompleteIntervention, fold, volunteerDecider, VolunteerEvent, volunteerStreamId, WithdrawIntervention } from '@safer-cases/domain';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { coachReleased } from '../volunteers/coach-release';

export class AssignCoachCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly volunteerId: string,
    readonly assignedOn: CalendarDate,
    readonly today: CalendarDate,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** Completion or withdrawal: the intervention ends on `endedOn` and the coach is freed. */
export class EndInterventionCommand extends NestCommand<CommandResult> {
  constructor(
    readonly command: CompleteIntervention | WithdrawIntervention,
    readonly endedOn: CalendarDate,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/**
 * Decided on the case (referred, no coach yet; the coach trained, not left) and on the coach's
 * own stream (at most five at once), and written to both together: racing assignments clash on
 * the coach's revision and are decided again, and a refused one writes nothing anywhere.
 */
@CommandHandler(AssignCoachCommand)
export class AssignCoachHandler implements ICommandHandler<AssignCoachCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, volunteerId, assignedOn, today, recorder }: AssignCoachCommand): Promise<CommandResult> {
    const coachOf = (coachEvents: Event[]) => fold(volunteerDecider, coachEvents as VolunteerEvent[]);
    const position = await this.cases.decideWith(
      {
        caseId,
        other: () => volunteerStreamId(volunteerId),
        command: (coachEvents) => ({ type: 'AssignCoach', data: { caseId, volunteerId, assignedOn, coach: coachFactsOf(coachOf(coachEvents)), today } }),
        onOther: (coachEvents) => volunteerDecider.decide({ type: 'TakeCoachingCase', data: { volunteerId, caseId, takenOn: assignedOn, today } }, coachOf(coachEvents)),
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

  async execute({ command, endedOn, recorder }: EndInterventionCommand): Promise<CommandResult> {
    const { caseId, today } = command.data;
    const position = await this.cases.decideWith({ caseId, command: () => command, ...coachReleased(caseId, endedOn, today) }, recorder);
    return positionOf(position);
  }
}
