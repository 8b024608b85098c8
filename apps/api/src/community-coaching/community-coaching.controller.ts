import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { CommunityCoachingCommands } from './community-coaching.commands';
import { AssignCoachRequest, CompleteInterventionRequest, LogSessionRequest, StartInterventionRequest, WithdrawInterventionRequest } from './community-coaching.requests';

/** Home-Start's steps on a coaching case: validated request -> the command service. */
@ApiTags('community coaching')
@Controller('api/cases/:id')
export class CommunityCoachingController {
  constructor(private readonly steps: CommunityCoachingCommands) {}

  @Post('coach')
  assignCoach(@IdParam() caseId: string, @Body() body: AssignCoachRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.assignCoach(recorder, caseId, body);
  }

  @Post('intervention/start')
  start(@IdParam() caseId: string, @Body() body: StartInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.start(recorder, caseId, body);
  }

  @Post('sessions')
  logSession(@IdParam() caseId: string, @Body() body: LogSessionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.logSession(recorder, caseId, body);
  }

  @Post('intervention/completion')
  complete(@IdParam() caseId: string, @Body() body: CompleteInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.complete(recorder, caseId, body);
  }

  @Post('intervention/withdrawal')
  withdraw(@IdParam() caseId: string, @Body() body: WithdrawInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.steps.withdraw(recorder, caseId, body);
  }
}
