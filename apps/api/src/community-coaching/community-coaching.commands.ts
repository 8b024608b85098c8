import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseCommand } from '@safer-cases/domain';
import { authorize } from '../application/authorize';
import { CaseWriter } from '../cases/case-writer';
import { CommandResult, positionOf } from '../shared/command-result';
import { Clock } from '../shared/clock';
import { Recorder } from '../shared/recorder';
import { AssignCoachCommand, EndInterventionCommand } from './coaching.handlers';
import { AssignCoachRequest, CompleteInterventionRequest, LogSessionRequest, StartInterventionRequest, WithdrawInterventionRequest } from './community-coaching.requests';

/** Home-Start's steps on a coaching case, for the API and the pages alike: each asks the policy, then decides on the case. */
@Injectable()
export class CommunityCoachingCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  assignCoach(recorder: Recorder, caseId: string, body: AssignCoachRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/coach');
    return this.commands.execute(new AssignCoachCommand(caseId, body.volunteerId, body.assignedOn, this.clock.today(), recorder));
  }

  start(recorder: Recorder, caseId: string, body: StartInterventionRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/intervention/start');
    return this.step(recorder, { type: 'StartIntervention', data: { caseId, startedOn: body.startedOn, today: this.clock.today() } });
  }

  logSession(recorder: Recorder, caseId: string, body: LogSessionRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/sessions');
    return this.step(recorder, { type: 'LogCoachingSession', data: { caseId, sessionOn: body.sessionOn, hours: body.hours, today: this.clock.today() } });
  }

  complete(recorder: Recorder, caseId: string, body: CompleteInterventionRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/intervention/completion');
    const command = { type: 'CompleteIntervention', data: { caseId, completedOn: body.completedOn, today: this.clock.today() } } as const;
    return this.commands.execute(new EndInterventionCommand(command, body.completedOn, recorder));
  }

  withdraw(recorder: Recorder, caseId: string, body: WithdrawInterventionRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/cases/:id/intervention/withdrawal');
    const command = { type: 'WithdrawIntervention', data: { caseId, on: body.on, reason: body.reason, today: this.clock.today() } } as const;
    return this.commands.execute(new EndInterventionCommand(command, body.on, recorder));
  }

  private async step(recorder: Recorder, command: CaseCommand): Promise<CommandResult> {
    return positionOf(await this.cases.decide(command, recorder));
  }
}
