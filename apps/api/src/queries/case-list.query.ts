import { PageLimit } from '../http/page-limit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Programme, programmes } from '@safer-cases/domain';
import { CaseStatus, caseStatuses, caseStatusesOf, decodeCaseCursor } from '@safer-cases/projections/case-summaries';
import { IsIn, IsOptional, IsString, registerDecorator, ValidationArguments } from 'class-validator';
import { IsFreeText } from '../http/validation';
import { AfterQuery } from '../projections/after.query';

export const defaultPageSize = 25;

const statusesFor = (programme: unknown): readonly CaseStatus[] => (programmes.includes(programme as Programme) ? caseStatusesOf[programme as Programme] : caseStatuses);

/** One of the programme's status words, or of any programme's when none is named. */
const IsCaseStatus = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isCaseStatus',
    target: target.constructor,
    propertyName,
    validator: {
      validate: (value: unknown, args: ValidationArguments) => statusesFor((args.object as CaseListQuery).programme).some((status) => status === value),
      defaultMessage: (args: ValidationArguments) => {
        const programme = (args.object as CaseListQuery).programme;
        const among = programmes.includes(programme as Programme) ? ` for ${programme}` : '';
        return `status must be one of ${statusesFor(programme).join(', ')}${among}`;
      },
    },
  });

const IsCaseCursor = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isCaseCursor',
    target: target.constructor,
    propertyName,
    options: { message: 'cursor must be the nextCursor of an earlier page, unchanged' },
    validator: { validate: (value: unknown) => typeof value === 'string' && decodeCaseCursor(value) !== undefined },
  });

export class CaseListQuery extends AfterQuery {
  @ApiPropertyOptional({ enum: programmes })
  @IsOptional()
  @IsIn(programmes as readonly string[])
  programme?: Programme;

  @ApiPropertyOptional({ enum: caseStatuses, description: "The programme's status word, e.g. booked, panel-held, intervention-open" })
  @IsOptional()
  @IsCaseStatus()
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only closed, or only open, cases' })
  @IsOptional()
  @IsIn(['true', 'false'])
  closed?: 'true' | 'false';

  @ApiPropertyOptional({
    description:
      "Words of a subject's name in any order, any case, accents ignored (every word must match), a date of birth as YYYY-MM-DD, the referrer's reference (or part of it), or the case's own reference (its first 8 hex digits, or its whole id)",
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsFreeText(1, 100)
  q?: string;

  @PageLimit(defaultPageSize)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @IsCaseCursor()
  cursor?: string;
}
