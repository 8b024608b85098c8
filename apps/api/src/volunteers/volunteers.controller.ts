import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdParam } from '../http/params';
import { IsCalendarDate, IsFreeText } from '../http/validation';
import { CommandResult } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { VolunteerCommands } from './volunteer-commands';
import { VolunteerQueries, VolunteerView } from './volunteer-queries';

export class RecruitVolunteerRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() volunteerId?: string;
  @ApiProperty({ enum: volunteerOrganisations }) @IsIn(volunteerOrganisations as readonly string[]) organisation!: VolunteerOrganisation;
  @ApiProperty({ example: '2014-01-06' }) @IsCalendarDate() recruitedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 100) familyName?: string;
}

export class TrainVolunteerRequest {
  @ApiProperty({ example: '2014-01-20' }) @IsCalendarDate() trainedOn!: string;
}

export class VolunteerDepartureRequest {
  @ApiProperty({ example: '2015-01-20' }) @IsCalendarDate() leftOn!: string;
}

/** Victim Support facilitators and Home-Start coaches. Names go to the personal-data store only. */
@ApiTags('volunteers')
@Controller('api/volunteers')
export class VolunteersController {
  constructor(
    private readonly volunteers: VolunteerCommands,
    private readonly queries: VolunteerQueries,
  ) {}

  @Post()
  recruit(@Body() body: RecruitVolunteerRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult & { volunteerId: string }> {
    return this.volunteers.recruit(recorder, body);
  }

  @Post(':id/training')
  train(@IdParam() volunteerId: string, @Body() body: TrainVolunteerRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.volunteers.train(recorder, volunteerId, body);
  }

  @Post(':id/departure')
  depart(@IdParam() volunteerId: string, @Body() body: VolunteerDepartureRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    return this.volunteers.depart(recorder, volunteerId, body);
  }

  @Get(':id')
  get(@IdParam() volunteerId: string, @CurrentActor() actor: Actor): Promise<VolunteerView> {
    return this.queries.get(actor, volunteerId);
  }
}
