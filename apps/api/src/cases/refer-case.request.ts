import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { eligibilityBases, EligibilityBasis, Organisation, organisations, Programme, programmes } from '@safer-cases/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, IsUUID, registerDecorator, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsFreeText, NotAfterToday } from '../http/validation';

export class ReferrerRequest {
  @ApiProperty({ enum: organisations })
  @IsIn(organisations as readonly string[])
  organisation!: Organisation;

  @ApiPropertyOptional({ description: 'The referrer’s own reference, e.g. a crime reference number' })
  @IsOptional()
  @IsFreeText(1, 200)
  reference?: string;
}

export class SubjectRequest {
  @ApiPropertyOptional({ description: 'An existing person; omitted, a new person id is made' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) familyName?: string;
  @ApiPropertyOptional({ example: '1990-04-01', description: 'Not after today' }) @IsOptional() @IsCalendarDate() @NotAfterToday() dateOfBirth?: string;
}

/**
 * DOMAIN.md: a referral names its subject, a person already known (`personId`) or at least a
 * given or family name; a date of birth alone names no one.
 */
const NamesThePerson = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'namesThePerson',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must have a givenName or a familyName, or the personId of someone already known` },
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null) return true;
        const { personId, givenName, familyName } = value as SubjectRequest;
        return [personId, givenName, familyName].some((each) => each !== undefined && each !== null);
      },
    },
  });

export class OffenceRequest {
  @ApiProperty() @IsFreeText(1, 200) type!: string;
  @ApiProperty({ example: '2015-01-10' }) @IsCalendarDate() date!: string;
}

export class VictimRequest {
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) familyName?: string;
  @ApiPropertyOptional({ description: 'Telephone, e-mail or address' }) @IsOptional() @IsFreeText(1, 200) contact?: string;
}

export class EligibilityRequest {
  @ApiProperty({ enum: eligibilityBases })
  @IsIn(eligibilityBases as readonly string[])
  basis!: EligibilityBasis;

  @ApiPropertyOptional({ type: [String], description: 'Risk indicators, e.g. regular truancy' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsFreeText(1, 200, { each: true })
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

  @ApiProperty({ type: SubjectRequest, description: 'A personId, or at least a givenName or familyName' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @NamesThePerson()
  @Type(() => SubjectRequest)
  subject!: SubjectRequest;

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
