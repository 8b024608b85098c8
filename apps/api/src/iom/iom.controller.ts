import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { IomCommands } from './iom.commands';
import { AdoptCohortMemberRequest, AssignComparisonMemberRequest, RecordArrestRequest, RecordConvictionRequest, RecordIomExitRequest } from './iom.requests';

/** The IOM team's steps on an IOM case: validated request -> the command service. */
@ApiTags('integrated offender management')
@Controller('api/cases/:id')
export class IomController {
  constructor(private readonly steps: IomCommands) {}

  @Post('adoption')
  adopt(@IdParam() caseId: string, @Body() body: AdoptCohortMemberRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.adopt(recorder, caseId, body);
  }

  @Post('comparison')
  assignComparison(@IdParam() caseId: string, @Body() body: AssignComparisonMemberRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.assignComparison(recorder, caseId, body);
  }

  @Post('iom-exit')
  exit(@IdParam() caseId: string, @Body() body: RecordIomExitRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.exit(recorder, caseId, body);
  }

  @Post('convictions')
  recordConviction(@IdParam() caseId: string, @Body() body: RecordConvictionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.recordConviction(recorder, caseId, body);
  }

  @Post('arrests')
  recordArrest(@IdParam() caseId: string, @Body() body: RecordArrestRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.recordArrest(recorder, caseId, body);
  }
}
