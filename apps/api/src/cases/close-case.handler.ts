import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { Command, stripUndefined, volunteerStreamId } from '@safer-cases/domain';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { coachOfCase, releaseIfCarried } from '../volunteers/coach-release';
import { caseDeciders } from './case-deciders';
import { CaseWriter } from './case-writer';
import { CloseCaseRequest } from './case-step.requests';

export class CloseCaseCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly request: CloseCaseRequest,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** Closes a case of any programme; a coaching case's coach is freed in the same write. */
@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, request, recorder }: CloseCaseCommand): Promise<CommandResult> {
    const today = this.cases.today();
    const close: Command = { type: 'CloseCase', data: stripUndefined({ caseId, closedOn: request.closedOn, reason: request.reason, today }) };
    const volunteerId = coachOfCase((await this.cases.load(caseId, recorder)).events);
    if (!volunteerId) return positionOf((await this.cases.step(caseId, undefined, () => close, recorder)).position);
    const { position } = await this.cases.stepAcross(
      caseId,
      undefined,
      volunteerStreamId(volunteerId),
      (loaded, coachEvents) => ({
        onCase: caseDeciders[loaded.programme].decide(close, loaded.state),
        onOther: releaseIfCarried(coachEvents, volunteerId, caseId, request.closedOn, today),
      }),
      recorder,
    );
    return positionOf(position);
  }
}
