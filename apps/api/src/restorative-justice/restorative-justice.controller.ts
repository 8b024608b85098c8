import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { stripUndefined } from '@safer-cases/domain';
import { RecordCaseStep } from '../cases/record-case-step.handler';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
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

/** Victim Support's steps on a restorative-justice case: thin, validated request -> command. */
@ApiTags('restorative justice')
@Controller('api/cases/:id')
export class RestorativeJusticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post('acceptance')
  accept(@IdParam() caseId: string, @Body() body: AcceptReferralRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(caseId, 'restorative-justice', (today) => ({ type: 'AcceptReferral', data: { caseId, acceptedOn: body.acceptedOn, today } }), recorder),
    );
  }

  @Post('decline')
  decline(@IdParam() caseId: string, @Body() body: DeclineReferralRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(
        caseId,
        'restorative-justice',
        (today) => ({ type: 'DeclineReferral', data: { caseId, declinedOn: body.declinedOn, reason: body.reason, today } }),
        recorder,
      ),
    );
  }

  @Post('panel')
  holdPanel(@IdParam() caseId: string, @Body() body: HoldPanelRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new HoldPanelCommand(caseId, body, recorder));
  }

  @Post('agreement')
  reachAgreement(@IdParam() caseId: string, @Body() body: ReachAgreementRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(
        caseId,
        'restorative-justice',
        (today) => ({ type: 'ReachAgreement', data: { caseId, reachedOn: body.reachedOn, reparation: body.reparation, today } }),
        recorder,
      ),
    );
  }

  @Post('no-agreement')
  noAgreement(@IdParam() caseId: string, @Body() body: DatedReasonRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(caseId, 'restorative-justice', (today) => ({ type: 'RecordNoAgreement', data: { caseId, on: body.on, reason: body.reason, today } }), recorder),
    );
  }

  @Post('agreement/upheld')
  uphold(@IdParam() caseId: string, @Body() body: DatedRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new RecordCaseStep(caseId, 'restorative-justice', (today) => ({ type: 'UpholdAgreement', data: { caseId, on: body.on, today } }), recorder));
  }

  @Post('agreement/breached')
  breached(@IdParam() caseId: string, @Body() body: DatedReasonRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(caseId, 'restorative-justice', (today) => ({ type: 'RecordAgreementBreached', data: { caseId, on: body.on, reason: body.reason, today } }), recorder),
    );
  }

  @Post('victim-survey')
  survey(@IdParam() caseId: string, @Body() body: VictimSurveyRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(
        caseId,
        'restorative-justice',
        (today) => ({
          type: 'RecordVictimSatisfaction',
          data: stripUndefined({ caseId, surveyedOn: body.surveyedOn, satisfied: body.satisfied, score: body.score, today }),
        }),
        recorder,
      ),
    );
  }
}
