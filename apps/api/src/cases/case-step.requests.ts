import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../http/validation';

export class RecordReoffenceRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() offenceDate!: string;
  @ApiPropertyOptional({ description: 'e.g. a crime reference number' }) @IsOptional() @IsString() @Length(1, 200) reference?: string;
}

export class CloseCaseRequest {
  @ApiProperty({ example: '2015-06-01' }) @IsCalendarDate() closedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) reason?: string;
}
