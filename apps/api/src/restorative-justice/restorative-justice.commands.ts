import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseCommand, stripUndefined } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';
import { HoldPanelCommand } from './hold-panel.handler';
import {
  AcceptReferralRequest,
  DatedReasonRequest,
  DatedRequest,
  DeclineReferralRequest,
  HoldPanelRequest,
  ReachAgreementRequest,
  VictimSurveyRequest,
} from './restorative-justice.requests';

/**
 * Victim Support's steps on a restorative-justice case, for the API and the pages alike: each
 * asks the policy for the recorder's actor, then decides on the case (CaseAccess there).
 */
@Injectable()
export class RestorativeJusticeCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  accept(recorder: Recorder, caseId: string, body: AcceptReferralRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/acceptance');
    return this.step(recorder, { type: 'AcceptReferral', data: { caseId, acceptedOn: body.acceptedOn, today: this.clock.today() } });
  }

  decline(recorder: Recorder, caseId: string, body: DeclineReferralRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/decline');
    return this.step(recorder, { type: 'DeclineReferral', data: { caseId, declinedOn: body.declinedOn, reason: body.reason, today: this.clock.today() } });
  }

  holdPanel(recorder: Recorder, caseId: string, body: HoldPanelRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/panel');
    return this.commands.execute(new HoldPanelCommand(caseId, body, this.clock.today(), recorder));
  }

  reachAgreement(recorder: Recorder, caseId: string, body: ReachAgreementRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/agreement');
    return this.step(recorder, { type: 'ReachAgreement', data: { caseId, reachedOn: body.reachedOn, reparation: body.reparation, today: this.clock.today() } });
  }

  noAgreement(recorder: Recorder, caseId: string, body: DatedReasonRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/no-agreement');
    return this.step(recorder, { type: 'RecordNoAgreement', data: { caseId, on: body.on, reason: body.reason, today: this.clock.today() } });
  }

  uphold(recorder: Recorder, caseId: string, body: DatedRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/agreement/upheld');
    return this.step(recorder, { type: 'UpholdAgreement', data: { caseId, on: body.on, today: this.clock.today() } });
  }

  breached(recorder: Recorder, caseId: string, body: DatedReasonRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/agreement/breached');
    return this.step(recorder, { type: 'RecordAgreementBreached', data: { caseId, on: body.on, reason: body.reason, today: this.clock.today() } });
  }

  survey(recorder: Recorder, caseId: string, body: VictimSurveyRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/victim-survey');
    return this.step(recorder, {
      type: 'RecordVictimSatisfaction',
      data: stripUndefined({ caseId, surveyedOn: body.surveyedOn, satisfied: body.satisfied, score: body.score, today: this.clock.today() }),
    });
  }

  private async step(recorder: Recorder, command: CaseCommand): Promise<CommandResult> {
    return positionOf(await this.cases.decide(command, recorder));
  }
}
