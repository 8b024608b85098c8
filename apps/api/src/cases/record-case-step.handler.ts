import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CaseCommand } from '@safer-cases/domain';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { CaseWriter } from './case-writer';

/** A case step whose rules need nothing beyond the case's own stream: the domain command, decided on the case as it stands. */
export class RecordCaseStep extends NestCommand<CommandResult> {
  constructor(
    readonly command: CaseCommand,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseStep)
export class RecordCaseStepHandler implements ICommandHandler<RecordCaseStep, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ command, recorder }: RecordCaseStep): Promise<CommandResult> {
    return positionOf(await this.cases.decide(command, recorder));
  }
}
