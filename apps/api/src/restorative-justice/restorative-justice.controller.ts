import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { RestorativeJusticeCommands } from './restorative-justice.commands';
import {
  AcceptReferralRequest,
  DatedReasonRequest,
  DatedRequest,
  DeclineReferralRequest,
  HoldPanelRequest,
  ReachAgreementRequest,
  VictimSurveyRequest,
} from './restorative-justice.requests';

/** Victim Support's steps on a restorative-justice case: validated request -> the command service. */
@ApiTags('restorative justice')
@Controller('api/cases/:id')
export class RestorativeJusticeController {
  constructor(private readonly steps: RestorativeJusticeCommands) {}

  @Post('acceptance')
  accept(@IdParam() caseId: string, @Body() body: AcceptReferralRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.accept(recorder, caseId, body);
  }

  @Post('decline')
  decline(@IdParam() caseId: string, @Body() body: DeclineReferralRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.decline(recorder, caseId, body);
  }

  @Post('panel')
  holdPanel(@IdParam() caseId: string, @Body() body: HoldPanelRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.holdPanel(recorder, caseId, body);
  }

  @Post('agreement')
  reachAgreement(@IdParam() caseId: string, @Body() body: ReachAgreementRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.reachAgreement(recorder, caseId, body);
  }

  @Post('no-agreement')
  noAgreement(@IdParam() caseId: string, @Body() body: DatedReasonRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.noAgreement(recorder, caseId, body);
  }

  @Post('agreement/upheld')
  uphold(@IdParam() caseId: string, @Body() body: DatedRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.uphold(recorder, caseId, body);
  }

  @Post('agreement/breached')
  breached(@IdParam() caseId: string, @Body() body: DatedReasonRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.breached(recorder, caseId, body);
  }

  @Post('victim-survey')
  survey(@IdParam() caseId: string, @Body() body: VictimSurveyRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.survey(recorder, caseId, body);
  }
}
