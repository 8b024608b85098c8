import { ApiPropertyOptional } from '@nestjs/swagger';
import { VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { IsIn, IsOptional } from 'class-validator';
import { ReadYourWritesQuery } from './read-your-writes.query';

export class VolunteerRosterQuery extends ReadYourWritesQuery {
  @ApiPropertyOptional({ enum: volunteerOrganisations })
  @IsOptional()
  @IsIn(volunteerOrganisations as readonly string[])
  organisation?: VolunteerOrganisation;
}
