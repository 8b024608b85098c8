import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { CalendarDate } from '@safer-cases/domain';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { VolunteerLedger } from '../volunteers/volunteer-ledger';
import { HoldPanelRequest } from './restorative-justice.requests';

export class HoldPanelCommand extends NestCommand<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly request: HoldPanelRequest,
    readonly today: CalendarDate,
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

  async execute({ caseId, request, today, recorder }: HoldPanelCommand): Promise<CommandResult> {
    const facilitators = await Promise.all([...new Set(request.facilitatorIds)].map(async (volunteerId) => ({ volunteerId, ...(await this.volunteers.facts(volunteerId)) })));
    const { heldOn, facilitatorIds, victimAttended } = request;
    return positionOf(await this.cases.decide({ type: 'HoldPanel', data: { caseId, heldOn, facilitatorIds, victimAttended, facilitators, today } }, recorder));
  }
}
