import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../http/validation';

export class AssignCoachRequest {
  @ApiProperty() @IsUUID() volunteerId!: string;
  @ApiProperty({ example: '2014-06-02' }) @IsCalendarDate() assignedOn!: string;
}

export class StartInterventionRequest {
  @ApiProperty({ example: '2014-06-09' }) @IsCalendarDate() startedOn!: string;
}

export class LogSessionRequest {
  @ApiProperty({ example: '2014-06-16' }) @IsCalendarDate() sessionOn!: string;

  @ApiProperty({ example: 1.5, description: 'Quarter hours from 0.25 to 8' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(8)
  hours!: number;
}

export class CompleteInterventionRequest {
  @ApiProperty({ example: '2014-08-25' }) @IsCalendarDate() completedOn!: string;
}

export class WithdrawInterventionRequest {
  @ApiProperty({ example: '2014-07-01' }) @IsCalendarDate() on!: string;
  @ApiProperty() @IsFreeText(1, 200) reason!: string;
}
