import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../http/validation';

export class AcceptReferralRequest {
  @ApiProperty({ example: '2015-01-22' }) @IsCalendarDate() acceptedOn!: string;
}

export class DeclineReferralRequest {
  @ApiProperty({ example: '2015-01-22' }) @IsCalendarDate() declinedOn!: string;
  @ApiProperty() @IsFreeText(1, 200) reason!: string;
}

export class HoldPanelRequest {
  @ApiProperty({ example: '2015-02-10' }) @IsCalendarDate() heldOn!: string;

  @ApiProperty({ type: [String], description: '1 to 3 trained Victim Support volunteers' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsUUID('all', { each: true })
  facilitatorIds!: string[];

  @ApiProperty() @IsBoolean() victimAttended!: boolean;
}

export class ReachAgreementRequest {
  @ApiProperty({ example: '2015-02-10' }) @IsCalendarDate() reachedOn!: string;

  @ApiProperty({ type: [String], description: 'The reparation terms' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsFreeText(1, 500, { each: true })
  reparation!: string[];
}

export class DatedReasonRequest {
  @ApiProperty({ example: '2015-02-10' }) @IsCalendarDate() on!: string;
  @ApiProperty() @IsFreeText(1, 200) reason!: string;
}

export class DatedRequest {
  @ApiProperty({ example: '2015-03-10' }) @IsCalendarDate() on!: string;
}

export class VictimSurveyRequest {
  @ApiProperty({ example: '2015-02-20' }) @IsCalendarDate() surveyedOn!: string;
  @ApiProperty() @IsBoolean() satisfied!: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) score?: number;
}
