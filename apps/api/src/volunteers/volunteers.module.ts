import { Module } from '@nestjs/common';
import { VolunteerLedger } from './volunteer-ledger';
import { VolunteersController } from './volunteers.controller';

@Module({
  controllers: [VolunteersController],
  providers: [VolunteerLedger],
  exports: [VolunteerLedger],
})
export class VolunteersModule {}
