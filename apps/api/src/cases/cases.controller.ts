import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { CaseView } from './case-reader';
import { CasePeople, CaseQueries } from './case-queries';
import { CloseCaseRequest, RecordReoffenceRequest, ReopenCaseRequest, StrikeOutEntryRequest } from './case-step.requests';
import { CaseCommands } from './case-commands';
import { ReferralResult } from './refer-case.handler';
import { ReferCaseRequest } from './refer-case.request';
import { AuditActor, CurrentAuditActor } from '../audit/audit-actor';

/** Steps common to every programme: referral, reoffence, closure, and reading a case. */
@ApiTags('cases')
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly commands: CaseCommands,
    private readonly cases: CaseQueries,
  ) {}

  @Post()
  refer(@Body() body: ReferCaseRequest, @CurrentRecorder() recorder: Recorder): Promise<ReferralResult> {
    return this.commands.refer(recorder, body);
  }

  @Post(':id/reoffences')
  recordReoffence(@IdParam() caseId: string, @Body() body: RecordReoffenceRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.recordReoffence(recorder, caseId, body);
  }

  @Post(':id/corrections')
  strikeOut(@IdParam() caseId: string, @Body() body: StrikeOutEntryRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.strikeOut(recorder, caseId, body);
  }

  @Post(':id/reopening')
  reopen(@IdParam() caseId: string, @Body() body: ReopenCaseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.reopen(recorder, caseId, body);
  }

  @Post(':id/closure')
  close(@IdParam() caseId: string, @Body() body: CloseCaseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.close(recorder, caseId, body);
  }

  @Get(':id')
  get(@IdParam() caseId: string, @CurrentActor() actor: Actor): Promise<CaseView> {
    return this.cases.get(actor, caseId);
  }

  /** The names and details held for the case's subject and victim; each read is audited. */
  @Get(':id/people')
  @Header('Cache-Control', 'no-store')
  people(@IdParam() caseId: string, @CurrentActor() actor: Actor, @CurrentAuditActor() by: AuditActor): Promise<CasePeople> {
    return this.cases.people(actor, by, caseId);
  }
}
