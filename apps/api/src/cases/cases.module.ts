import { Module } from '@nestjs/common';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { CaseCommands } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReader } from './case-reader';
import { CaseWriter } from './case-writer';
import { CasesController } from './cases.controller';
import { CloseCaseHandler } from './close-case.handler';
import { ReferCaseHandler } from './refer-case.handler';

@Module({
  imports: [VolunteersModule],
  controllers: [CasesController],
  providers: [CaseWriter, CaseReader, CaseQueries, CaseCommands, ReferCaseHandler, CloseCaseHandler],
  exports: [CaseWriter, CaseQueries, CaseCommands],
})
export class CasesModule {}
