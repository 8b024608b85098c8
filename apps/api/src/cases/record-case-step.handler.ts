import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CalendarDate, Command, Programme } from '@safer-cases/domain';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { CaseWriter, LoadedCase } from './case-writer';

/**
 * A case step whose rules need nothing beyond the case's own stream: the domain command is
 * built by the controller from the validated request and decided on the case's current state.
 */
export class RecordCaseStep extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly programme: Programme | undefined,
    readonly build: (today: CalendarDate, loaded: LoadedCase) => Command,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseStep)
export class RecordCaseStepHandler implements ICommandHandler<RecordCaseStep, CommandResult> {
  constructor(private readonly cases: CaseWriter) {}

  async execute({ caseId, programme, build, recorder }: RecordCaseStep): Promise<CommandResult> {
    const today = this.cases.today();
    const { position } = await this.cases.step(caseId, programme, (loaded) => build(today, loaded), recorder);
    return positionOf(position);
  }
}
