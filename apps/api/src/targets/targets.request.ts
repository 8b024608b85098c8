import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Programme, programmes } from '@safer-cases/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../http/validation';
import { AfterQuery } from '../projections/after.query';

/** The period defaults, end by end, to the UK financial year (1 April–31 March) containing `asOf`. */
export class TargetsRequest extends AfterQuery {
  @ApiProperty({ enum: programmes })
  @IsIn(programmes as readonly string[])
  programme!: Programme;

  @ApiPropertyOptional({ example: '2014-04-01', description: 'First day of the period' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2015-03-31', description: 'Last day of the period, on or after from' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: '2015-03-31', description: 'The day the figures are taken; default today' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
