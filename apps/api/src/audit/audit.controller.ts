import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditLog, AuditPage } from './audit-log';
import { AuditQuery, defaultAuditPageSize } from './audit.query';

const filterRequired = 'one of caseId, userId or personId is required';

/** The audit log, newest first, for one case, one user or one person. Administrators only (auth/policy.ts). */
@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  list(@Query() query: AuditQuery): Promise<AuditPage> {
    const { caseId, userId, personId } = query;
    if (caseId === undefined && userId === undefined && personId === undefined) {
      throw new BadRequestException({ message: `Invalid request: ${filterRequired}`, code: 'invalid-request', details: [{ field: 'caseId', problems: [filterRequired] }] });
    }
    return this.audit.page({ caseId, userId, personId }, query.limit ?? defaultAuditPageSize, query.cursor);
  }
}
