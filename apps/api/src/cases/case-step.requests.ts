import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../http/validation';

export class RecordReoffenceRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() offenceDate!: string;
  @ApiPropertyOptional({ description: 'e.g. a crime reference number' }) @IsOptional() @IsFreeText(1, 200) reference?: string;
}

export class CloseCaseRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() closedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 200) reason?: string;
}
