import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { stripUndefined } from '@safer-cases/domain';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdParam } from '../http/params';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { CaseReader, CaseView } from './case-reader';
import { CloseCaseRequest, RecordReoffenceRequest } from './case-step.requests';
import { CloseCaseCommand } from './close-case.handler';
import { RecordCaseStep } from './record-case-step.handler';
import { ReferCaseCommand, ReferralResult } from './refer-case.handler';
import { ReferCaseRequest } from './refer-case.request';
import { AuditActor, CurrentAuditActor } from '../audit/audit-actor';
import { PersonalDataStore, PersonDisplay } from '../people/personal-data.store';

export type CasePeople = { caseId: string; subject: PersonDisplay | null; victim: PersonDisplay | null };

/** Steps common to every programme: referral, reoffence, closure, and reading a case. */
@ApiTags('cases')
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: CaseReader,
    private readonly personalData: PersonalDataStore,
  ) {}

  @Post()
  refer(@Body() body: ReferCaseRequest, @CurrentRecorder() recorder: Recorder): Promise<ReferralResult> {
    return this.commands.execute(new ReferCaseCommand(body, recorder));
  }

  @Post(':id/reoffences')
  recordReoffence(@IdParam() caseId: string, @Body() body: RecordReoffenceRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(
      new RecordCaseStep(
        caseId,
        undefined,
        (today) => ({ type: 'RecordReoffence', data: stripUndefined({ caseId, offenceDate: body.offenceDate, reference: body.reference, today }) }),
        recorder,
      ),
    );
  }

  @Post(':id/closure')
  close(@IdParam() caseId: string, @Body() body: CloseCaseRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.commands.execute(new CloseCaseCommand(caseId, body, recorder));
  }

  @Get(':id')
  get(@IdParam() caseId: string, @CurrentActor() actor: Actor): Promise<CaseView> {
    return this.reader.get(caseId, actor);
  }

  /**
   * The names, date of birth and contact details held for the case's subject and victim, for
   * someone who may work on the case; each read is written to the audit log. Erased people show
   * `[erased]`; a person with nothing held is left out.
   */
  @Get(':id/people')
  @Header('Cache-Control', 'no-store')
  async people(@IdParam() caseId: string, @CurrentActor() actor: Actor, @CurrentAuditActor() by: AuditActor): Promise<CasePeople> {
    const { personId, victimId } = await this.reader.get(caseId, actor);
    const shown = await this.personalData.displayMany(victimId ? [personId, victimId] : [personId], { by, caseId });
    return { caseId, subject: shown.get(personId) ?? null, victim: victimId ? (shown.get(victimId) ?? null) : null };
  }
}
