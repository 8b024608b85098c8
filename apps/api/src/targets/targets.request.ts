import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { programmesWithTargets, ProgrammeWithTargets } from '@safer-cases/projections/targets';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../http/validation';
import { AfterQuery } from '../projections/after.query';

/** The period defaults, end by end, to the UK financial year (1 April–31 March) containing `asOf`. */
export class TargetsRequest extends AfterQuery {
  /** Not yet `iom`, whose targets are issue 14 part 3: asked for, it is refused as an invalid programme (400). */
  @ApiProperty({ enum: programmesWithTargets })
  @IsIn(programmesWithTargets as readonly string[])
  programme!: ProgrammeWithTargets;

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
