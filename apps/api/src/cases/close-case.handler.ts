import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CloseCase } from '@safer-cases/domain';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { coachReleased } from '../volunteers/coach-release';
import { CaseWriter } from './case-writer';

export class CloseCaseCommand extends NestCommand<CommandResult> {
  constructor(
    readonly command: CloseCase,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** Closes a case of any programme; a coaching case's coach is freed in the same write. */
@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ command, recorder }: CloseCaseCommand): Promise<CommandResult> {
    const { caseId, closedOn, today } = command.data;
    return positionOf(await this.cases.decideWith({ caseId, command: () => command, ...coachReleased(caseId, closedOn, today) }, recorder));
  }
}
