import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AssignCoachHandler, EndInterventionHandler } from './coaching.handlers';
import { CommunityCoachingCommands } from './community-coaching.commands';
import { CommunityCoachingController } from './community-coaching.controller';

@Module({
  imports: [CasesModule, VolunteersModule],
  controllers: [CommunityCoachingController],
  providers: [AssignCoachHandler, EndInterventionHandler, CommunityCoachingCommands],
  exports: [CommunityCoachingCommands],
})
export class CommunityCoachingModule {}
