import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RecordCaseStep } from '../cases/record-case-step.handler';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { AssignCoachCommand, EndInterventionCommand } from './coaching.handlers';
import { AssignCoachRequest, CompleteInterventionRequest, LogSessionRequest, StartInterventionRequest, WithdrawInterventionRequest } from './community-coaching.requests';

/** Home-Start's steps on a coaching case. */
@ApiTags('community coaching')
@Controller('api/cases/:id')
export class CommunityCoachingController {
  constructor(private readonly commands: CommandBus) {}

  @Post('coach')
  assignCoach(@IdParam() caseId: string, @Body() body: AssignCoachRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new AssignCoachCommand(caseId, body.volunteerId, body.assignedOn, recorder));
  }

  @Post('intervention/start')
  start(@IdParam() caseId: string, @Body() body: StartInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(caseId, 'community-coaching', (today) => ({ type: 'StartIntervention', data: { caseId, startedOn: body.startedOn, today } }), recorder);
    return this.commands.execute(step);
  }

  @Post('sessions')
  logSession(@IdParam() caseId: string, @Body() body: LogSessionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const step = new RecordCaseStep(
      caseId,
      'community-coaching',
      (today) => ({ type: 'LogCoachingSession', data: { caseId, sessionOn: body.sessionOn, hours: body.hours, today } }),
      recorder,
    );
    return this.commands.execute(step);
  }

  @Post('intervention/completion')
  complete(@IdParam() caseId: string, @Body() body: CompleteInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const end = new EndInterventionCommand(
      caseId,
      body.completedOn,
      (today) => ({ type: 'CompleteIntervention', data: { caseId, completedOn: body.completedOn, today } }),
      recorder,
    );
    return this.commands.execute(end);
  }

  @Post('intervention/withdrawal')
  withdraw(@IdParam() caseId: string, @Body() body: WithdrawInterventionRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const end = new EndInterventionCommand(caseId, body.on, (today) => ({ type: 'WithdrawIntervention', data: { caseId, on: body.on, reason: body.reason, today } }), recorder);
    return this.commands.execute(end);
  }
}
