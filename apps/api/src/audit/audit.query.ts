import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

export const defaultAuditPageSize = 25;

/** `GET /api/audit`: at least one of caseId, userId and personId (checked by the controller). */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'Entries about this case' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ description: 'Entries of what this user did' }) @IsOptional() @IsString() @Length(1, 200) userId?: string;
  @ApiPropertyOptional({ description: 'Entries about this person' }) @IsOptional() @IsUUID() personId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: defaultAuditPageSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of an earlier page, unchanged' })
  cursor?: string;
}
