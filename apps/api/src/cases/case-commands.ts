import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CloseCase, RecordReoffence, stripUndefined } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { Clock } from '../shared/clock';
import { CommandResult } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { CloseCaseRequest, RecordReoffenceRequest } from './case-step.requests';
import { CloseCaseCommand } from './close-case.handler';
import { RecordCaseStep } from './record-case-step.handler';
import { ReferCaseCommand, ReferralResult } from './refer-case.handler';
import { ReferCaseRequest } from './refer-case.request';

/** The steps every programme shares, for the API and the pages alike: referral, reoffence and closure. */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  refer(recorder: Recorder, body: ReferCaseRequest): Promise<ReferralResult> {
    authorize(recorder.actor, 'POST /api/cases');
    return this.commands.execute(new ReferCaseCommand(body, recorder));
  }

  recordReoffence(recorder: Recorder, caseId: string, body: RecordReoffenceRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/reoffences');
    const command: RecordReoffence = { type: 'RecordReoffence', data: stripUndefined({ caseId, offenceDate: body.offenceDate, reference: body.reference, today: this.clock.today() }) };
    return this.commands.execute(new RecordCaseStep(command, recorder));
  }

  close(recorder: Recorder, caseId: string, body: CloseCaseRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/closure');
    const command: CloseCase = { type: 'CloseCase', data: stripUndefined({ caseId, closedOn: body.closedOn, reason: body.reason, today: this.clock.today() }) };
    return this.commands.execute(new CloseCaseCommand(command, recorder));
  }
}
