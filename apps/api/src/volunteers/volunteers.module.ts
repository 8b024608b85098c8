import { Module } from '@nestjs/common';
import { VolunteerCommands } from './volunteer-commands';
import { VolunteerLedger } from './volunteer-ledger';
import { VolunteerQueries } from './volunteer-queries';
import { VolunteersController } from './volunteers.controller';

@Module({
  controllers: [VolunteersController],
  providers: [VolunteerLedger, VolunteerQueries, VolunteerCommands],
  exports: [VolunteerLedger, VolunteerQueries, VolunteerCommands],
})
export class VolunteersModule {}
