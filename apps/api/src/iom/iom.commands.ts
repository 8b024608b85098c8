import { Injectable } from '@nestjs/common';
import { CaseCommand } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { RouteKey } from '../auth/policy';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';
import { AdoptCohortMemberRequest, AssignComparisonMemberRequest, RecordArrestRequest, RecordConvictionRequest, RecordIomExitRequest } from './iom.requests';

/** The IOM team's steps on an IOM case, for the API (and the pages, when they come): each asks the policy, then decides on the case. */
@Injectable()
export class IomCommands {
  constructor(
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  adopt(recorder: Recorder, caseId: string, body: AdoptCohortMemberRequest): Promise<CommandResult> {
    return this.step(recorder, 'POST /api/cases/:id/adoption', { type: 'AdoptCohortMember', data: { caseId, adoptedOn: body.adoptedOn, today: this.clock.today() } });
  }

  assignComparison(recorder: Recorder, caseId: string, body: AssignComparisonMemberRequest): Promise<CommandResult> {
    return this.step(recorder, 'POST /api/cases/:id/comparison', { type: 'AssignComparisonMember', data: { caseId, assignedOn: body.assignedOn, today: this.clock.today() } });
  }

  exit(recorder: Recorder, caseId: string, body: RecordIomExitRequest): Promise<CommandResult> {
    return this.step(recorder, 'POST /api/cases/:id/iom-exit', { type: 'RecordIomExit', data: { caseId, leftOn: body.leftOn, reason: body.reason, today: this.clock.today() } });
  }

  recordConviction(recorder: Recorder, caseId: string, body: RecordConvictionRequest): Promise<CommandResult> {
    const { offenceDate, convictedOn, reference } = body;
    return this.step(recorder, 'POST /api/cases/:id/convictions', {
      type: 'RecordConviction',
      data: { caseId, offenceDate, convictedOn, ...(reference === undefined ? {} : { reference }), today: this.clock.today() },
    });
  }

  recordArrest(recorder: Recorder, caseId: string, body: RecordArrestRequest): Promise<CommandResult> {
    const { arrestedOn, reference } = body;
    return this.step(recorder, 'POST /api/cases/:id/arrests', {
      type: 'RecordArrest',
      data: { caseId, arrestedOn, ...(reference === undefined ? {} : { reference }), today: this.clock.today() },
    });
  }

  private async step(recorder: Recorder, route: RouteKey, command: CaseCommand): Promise<CommandResult> {
    authorize(recorder.actor, route);
    return positionOf(await this.cases.decide(command, recorder));
  }
}
