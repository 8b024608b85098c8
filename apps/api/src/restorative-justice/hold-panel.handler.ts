import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { VolunteerLedger } from '../volunteers/volunteer-ledger';
import { HoldPanelRequest } from './restorative-justice.requests';

export class HoldPanelCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly request: HoldPanelRequest,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/** A panel needs each facilitator's training and departure dates, read from their streams. */
@CommandHandler(HoldPanelCommand)
export class HoldPanelHandler implements ICommandHandler<HoldPanelCommand, CommandResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly volunteers: VolunteerLedger,
  ) {}

  async execute({ caseId, request, recorder }: HoldPanelCommand): Promise<CommandResult> {
    const facilitators = await Promise.all([...new Set(request.facilitatorIds)].map(async (volunteerId) => ({ volunteerId, ...(await this.volunteers.facts(volunteerId)) })));
    const today = this.cases.today();
    const { position } = await this.cases.step(
      caseId,
      'restorative-justice',
      () => ({
        type: 'HoldPanel',
        data: { caseId, heldOn: request.heldOn, facilitatorIds: request.facilitatorIds, victimAttended: request.victimAttended, facilitators, today },
      }),
      recorder,
    );
    return positionOf(position);
  }
}
