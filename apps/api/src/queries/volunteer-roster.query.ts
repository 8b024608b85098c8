import { ApiPropertyOptional } from '@nestjs/swagger';
import { VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { IsIn, IsOptional } from 'class-validator';
import { AfterQuery } from '../projections/after.query';

export class VolunteerRosterQuery extends AfterQuery {
  @ApiPropertyOptional({ enum: volunteerOrganisations })
  @IsOptional()
  @IsIn(volunteerOrganisations as readonly string[])
  organisation?: VolunteerOrganisation;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: each volunteer’s name too (personal data; every name read is audited)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  names?: 'true' | 'false';
}
