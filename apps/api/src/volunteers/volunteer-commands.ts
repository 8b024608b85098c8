import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authorize } from '../application/authorize';
import { PersonalDataStore } from '../people/personal-data.store';
import { Clock } from '../shared/clock';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { VolunteerLedger } from './volunteer-ledger';
import { RecruitVolunteerRequest, TrainVolunteerRequest, VolunteerDepartureRequest } from './volunteers.controller';

/** Recruiting, training and losing volunteers, for the API and the pages alike. Names go to the personal-data store only. */
@Injectable()
export class VolunteerCommands {
  constructor(
    private readonly ledger: VolunteerLedger,
    private readonly people: PersonalDataStore,
    private readonly clock: Clock,
  ) {}

  async recruit(recorder: Recorder, body: RecruitVolunteerRequest): Promise<CommandResult & { volunteerId: string }> {
    authorize(recorder.actor, 'POST /api/volunteers');
    const volunteerId = body.volunteerId ?? randomUUID();
    if (body.volunteerId) await this.people.assertNotOtherPerson(volunteerId, 'volunteer', 'volunteerId');
    const command = { type: 'RecruitVolunteer', data: { volunteerId, organisation: body.organisation, recruitedOn: body.recruitedOn, today: this.clock.today() } } as const;
    const position = await this.ledger.decide(volunteerId, command, recorder);
    await this.people.save(volunteerId, 'volunteer', { givenName: body.givenName, familyName: body.familyName }, { field: 'volunteerId' });
    return { volunteerId, ...positionOf(position) };
  }

  async train(recorder: Recorder, volunteerId: string, body: TrainVolunteerRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/volunteers/:id/training');
    const command = { type: 'TrainVolunteer', data: { volunteerId, trainedOn: body.trainedOn, today: this.clock.today() } } as const;
    return positionOf(await this.ledger.decide(volunteerId, command, recorder));
  }

  async depart(recorder: Recorder, volunteerId: string, body: VolunteerDepartureRequest): Promise<CommandResult> {
    authorize(recorder.actor, 'POST /api/volunteers/:id/departure');
    const command = { type: 'RecordVolunteerDeparture', data: { volunteerId, leftOn: body.leftOn, today: this.clock.today() } } as const;
    return positionOf(await this.ledger.decide(volunteerId, command, recorder));
  }
}
