import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { stripUndefined } from '@safer-cases/domain';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { VolunteerLedger } from '../volunteers/volunteer-ledger';
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

/** Closes a case of any programme; a coaching case's coach is freed for another intervention. */
@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly volunteers: VolunteerLedger,
  ) {}

  async execute({ caseId, request, recorder }: CloseCaseCommand): Promise<CommandResult> {
    const closed = await this.cases.step(
      caseId,
      undefined,
      () => ({ type: 'CloseCase', data: stripUndefined({ caseId, closedOn: request.closedOn, reason: request.reason, today: this.cases.today() }) }),
      recorder,
    );
    const released = await this.volunteers.releaseCoachOf(caseId, request.closedOn, recorder);
    return positionOf(released ?? closed.position);
  }
}
