import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../http/validation';

export class RecordReoffenceRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() offenceDate!: string;
  @ApiPropertyOptional({ description: 'e.g. a crime reference number' }) @IsOptional() @IsFreeText(1, 200) reference?: string;
}

export class CloseCaseRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() closedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 200) reason?: string;
}

export class StrikeOutEntryRequest {
  @ApiProperty({ example: 3, description: "The revision of the entry in the case's history (its place in the case stream, from 0)" })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({ example: 'Recorded on the wrong case' }) @IsFreeText(1, 200) reason!: string;
}

export class ReopenCaseRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() on!: string;
  @ApiProperty({ example: 'Closed by mistake' }) @IsFreeText(1, 200) reason!: string;
}
