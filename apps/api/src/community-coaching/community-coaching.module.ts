import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AssignCoachHandler, EndInterventionHandler } from './coaching.handlers';
import { CommunityCoachingController } from './community-coaching.controller';

@Module({
  imports: [CasesModule, VolunteersModule],
  controllers: [CommunityCoachingController],
  providers: [AssignCoachHandler, EndInterventionHandler],
})
export class CommunityCoachingModule {}
