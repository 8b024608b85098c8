import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { eligibilityBases, EligibilityBasis, Organisation, organisations, Programme, programmes } from '@safer-cases/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested, IsDefined, IsObject } from 'class-validator';
import { IsCalendarDate } from '../http/validation';

export class ReferrerRequest {
  @ApiProperty({ enum: organisations })
  @IsIn(organisations as readonly string[])
  organisation!: Organisation;

  @ApiPropertyOptional({ description: 'The referrer’s own reference, e.g. a crime reference number' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class SubjectRequest {
  @ApiPropertyOptional({ description: 'An existing person; omitted, a new person id is made' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) familyName?: string;
  @ApiPropertyOptional({ example: '1990-04-01' }) @IsOptional() @IsCalendarDate() dateOfBirth?: string;
}

export class OffenceRequest {
  @ApiProperty() @IsString() @Length(1, 200) type!: string;
  @ApiProperty({ example: '2015-01-10' }) @IsCalendarDate() date!: string;
}

export class VictimRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) familyName?: string;
  @ApiPropertyOptional({ description: 'Telephone, e-mail or address' }) @IsOptional() @IsString() @Length(1, 200) contact?: string;
}

export class EligibilityRequest {
  @ApiProperty({ enum: eligibilityBases })
  @IsIn(eligibilityBases as readonly string[])
  basis!: EligibilityBasis;

  @ApiPropertyOptional({ type: [String], description: 'Risk indicators, e.g. regular truancy' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  indicators?: string[];

  @ApiPropertyOptional({ description: 'The completed earlier case of the same person' })
  @IsOptional()
  @IsUUID()
  linkedCaseId?: string;
}

export class ReferCaseRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;

  @ApiProperty({ enum: programmes })
  @IsIn(programmes as readonly string[])
  programme!: Programme;

  @ApiProperty({ example: '2015-01-20' }) @IsCalendarDate() referredOn!: string;

  @ApiProperty({ type: ReferrerRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferrerRequest)
  referrer!: ReferrerRequest;

  @ApiPropertyOptional({ type: SubjectRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRequest)
  subject?: SubjectRequest;

  @ApiPropertyOptional({ type: OffenceRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OffenceRequest)
  offence?: OffenceRequest;

  @ApiPropertyOptional({ type: VictimRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VictimRequest)
  victim?: VictimRequest;

  @ApiPropertyOptional({ type: EligibilityRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityRequest)
  eligibility?: EligibilityRequest;
}
