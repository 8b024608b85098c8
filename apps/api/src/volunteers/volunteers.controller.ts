import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { VolunteerNotFound, VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { VolunteerAccess } from '../auth/access';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdParam } from '../http/params';
import { IsCalendarDate, IsFreeText } from '../http/validation';
import { PersonalDataStore } from '../people/personal-data.store';
import { CommandResult, positionOf } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { VolunteerLedger } from './volunteer-ledger';

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
    private readonly volunteers: VolunteerLedger,
    private readonly people: PersonalDataStore,
  ) {}

  @Post()
  async recruit(@Body() body: RecruitVolunteerRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult & { volunteerId: string }> {
    const volunteerId = body.volunteerId ?? randomUUID();
    if (body.volunteerId) await this.people.assertNotOtherPerson(volunteerId, 'volunteer', 'volunteerId');
    const position = await this.volunteers.decide(
      volunteerId,
      (today) => ({ type: 'RecruitVolunteer', data: { volunteerId, organisation: body.organisation, recruitedOn: body.recruitedOn, today } }),
      recorder,
    );
    await this.people.save(volunteerId, 'volunteer', { givenName: body.givenName, familyName: body.familyName }, { field: 'volunteerId' });
    return { volunteerId, ...positionOf(position) };
  }

  @Post(':id/training')
  async train(@IdParam() volunteerId: string, @Body() body: TrainVolunteerRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const position = await this.volunteers.decide(volunteerId, (today) => ({ type: 'TrainVolunteer', data: { volunteerId, trainedOn: body.trainedOn, today } }), recorder);
    return positionOf(position);
  }

  @Post(':id/departure')
  async depart(@IdParam() volunteerId: string, @Body() body: VolunteerDepartureRequest, @CurrentRecorder() recorder: Recorder): Promise<CommandResult> {
    const position = await this.volunteers.decide(volunteerId, (today) => ({ type: 'RecordVolunteerDeparture', data: { volunteerId, leftOn: body.leftOn, today } }), recorder);
    return positionOf(position);
  }

  @Get(':id')
  async get(@IdParam() volunteerId: string, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    const state = await this.volunteers.state(volunteerId);
    if (state.status === 'none') throw new VolunteerNotFound(volunteerId);
    VolunteerAccess.assertMayManage(actor, state.organisation);
    return state;
  }
}
