import { PageLimit } from '../http/page-limit';
import { AfterQuery } from '../projections/after.query';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export const defaultAuditPageSize = 25;

/** `GET /api/audit`: at least one of caseId, userId and personId (checked by the controller). */
export class AuditQuery extends AfterQuery {
  @ApiPropertyOptional({ description: 'Entries about this case' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ description: 'Entries of what this user did' }) @IsOptional() @IsString() @Length(1, 200) userId?: string;
  @ApiPropertyOptional({ description: 'Entries about this person' }) @IsOptional() @IsUUID() personId?: string;

  @PageLimit(defaultAuditPageSize)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of an earlier page, unchanged' })
  cursor?: string;
}
