import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditActor, CurrentAuditActor } from '../audit/audit-actor';
import { IdParam } from '../http/params';
import { ErasePerson, ErasureResult } from './erase-person';
import { ExportPerson, PersonExport } from './export-person';

/** Erasure and subject access for a subject, victim or volunteer. Administrators only (auth/policy.ts). */
@ApiTags('people')
@Controller('api/people')
export class PeopleController {
  constructor(
    private readonly erasure: ErasePerson,
    private readonly subjectAccess: ExportPerson,
  ) {}

  @Post(':id/erasure')
  @HttpCode(200)
  erase(@IdParam() personId: string, @CurrentAuditActor() by: AuditActor): Promise<ErasureResult> {
    return this.erasure.execute(personId, by);
  }

  @Get(':id/export')
  @Header('Cache-Control', 'no-store')
  export(@IdParam() personId: string, @CurrentAuditActor() by: AuditActor): Promise<PersonExport> {
    return this.subjectAccess.execute(personId, by);
  }
}
