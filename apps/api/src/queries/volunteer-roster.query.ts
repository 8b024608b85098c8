import { ApiPropertyOptional } from '@nestjs/swagger';
import { VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { IsIn, IsOptional } from 'class-validator';
import { AfterQuery } from '../projections/after.query';

export class VolunteerRosterQuery extends AfterQuery {
  @ApiPropertyOptional({ enum: volunteerOrganisations })
  @IsOptional()
  @IsIn(volunteerOrganisations as readonly string[])
  organisation?: VolunteerOrganisation;
}
