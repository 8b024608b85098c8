import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IomLeavingReason, iomLeavingReasons } from '@safer-cases/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../http/validation';

export class AdoptCohortMemberRequest {
  @ApiProperty({ example: '2014-03-10' }) @IsCalendarDate() adoptedOn!: string;
}

export class AssignComparisonMemberRequest {
  @ApiProperty({ example: '2014-03-10' }) @IsCalendarDate() assignedOn!: string;
}

export class RecordIomExitRequest {
  @ApiProperty({ example: '2014-09-30' }) @IsCalendarDate() leftOn!: string;

  @ApiProperty({ enum: iomLeavingReasons })
  @IsIn(iomLeavingReasons as readonly string[])
  reason!: IomLeavingReason;
}

export class RecordConvictionRequest {
  @ApiProperty({ example: '2014-06-20' }) @IsCalendarDate() offenceDate!: string;
  @ApiProperty({ example: '2014-08-11', description: 'On or after the offence' }) @IsCalendarDate() convictedOn!: string;
  @ApiPropertyOptional({ description: 'e.g. a PNC reference' }) @IsOptional() @IsFreeText(1, 200) reference?: string;
}

export class RecordArrestRequest {
  @ApiProperty({ example: '2014-06-19' }) @IsCalendarDate() arrestedOn!: string;
  @ApiPropertyOptional({ description: 'e.g. a custody record number' }) @IsOptional() @IsFreeText(1, 200) reference?: string;
}
