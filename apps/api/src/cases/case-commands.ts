import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseState, CloseCase, RecordReoffence, ReopenCase, StrikeOutEntry, stripUndefined } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { Clock } from '../shared/clock';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { correction, strikeRouteOf } from './case-corrections';
import { CloseCaseRequest, RecordReoffenceRequest, ReopenCaseRequest, StrikeOutEntryRequest } from './case-step.requests';
import { CloseCaseCommand } from './close-case.handler';
import { CaseWriter } from './case-writer';
import { ReferCaseCommand, ReferralResult } from './refer-case.handler';
import { ReferCaseRequest } from './refer-case.request';

/** The steps every programme shares, for the API and the pages alike: referral, reoffence and closure. */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  refer(recorder: Recorder, body: ReferCaseRequest): Promise<ReferralResult> {
    authorize(recorder.actor, 'POST /api/cases');
    return this.commands.execute(new ReferCaseCommand(body, recorder));
  }

  async recordReoffence(recorder: Recorder, caseId: string, body: RecordReoffenceRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/reoffences');
    const command: RecordReoffence = {
      type: 'RecordReoffence',
      data: stripUndefined({ caseId, offenceDate: body.offenceDate, reference: body.reference, today: this.clock.today() }),
    };
    return positionOf(await this.cases.decide(command, recorder));
  }

  /**
   * Strikes out an entry recorded in error: asked of the policy as the route that records that
   * kind of entry, so whoever may record a step may strike it; the rules decide which may be struck.
   */
  async strikeOut(recorder: Recorder, caseId: string, body: StrikeOutEntryRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/corrections');
    const command: StrikeOutEntry = { type: 'StrikeOutEntry', data: { caseId, revision: body.revision, reason: body.reason, today: this.clock.today() } };
    const check = (state: CaseState): void => {
      const route = strikeRouteOf(state, body.revision);
      if (route !== undefined) authorize(recorder.actor, route);
    };
    return positionOf(await this.cases.decideWith({ ...correction(command, command.data.today), check }, recorder));
  }

  /** Reopens a closed case, for its programme's coordinator. */
  async reopen(recorder: Recorder, caseId: string, body: ReopenCaseRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/reopening');
    const command: ReopenCase = { type: 'ReopenCase', data: { caseId, on: body.on, reason: body.reason, today: this.clock.today() } };
    return positionOf(await this.cases.decideWith(correction(command, command.data.today), recorder));
  }

  close(recorder: Recorder, caseId: string, body: CloseCaseRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/closure');
    const command: CloseCase = { type: 'CloseCase', data: stripUndefined({ caseId, closedOn: body.closedOn, reason: body.reason, today: this.clock.today() }) };
    return this.commands.execute(new CloseCaseCommand(command, recorder));
  }
}
