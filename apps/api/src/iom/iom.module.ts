import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IomCommands } from './iom.commands';
import { IomController } from './iom.controller';

@Module({
  imports: [CasesModule],
  controllers: [IomController],
  providers: [IomCommands],
  exports: [IomCommands],
})
export class IomModule {}
