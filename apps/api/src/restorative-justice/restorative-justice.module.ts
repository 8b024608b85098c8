import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { HoldPanelHandler } from './hold-panel.handler';
import { RestorativeJusticeCommands } from './restorative-justice.commands';
import { RestorativeJusticeController } from './restorative-justice.controller';

@Module({
  imports: [CasesModule, VolunteersModule],
  controllers: [RestorativeJusticeController],
  providers: [HoldPanelHandler, RestorativeJusticeCommands],
  exports: [RestorativeJusticeCommands],
})
export class RestorativeJusticeModule {}
