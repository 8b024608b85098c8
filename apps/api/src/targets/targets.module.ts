import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';

@Module({ controllers: [TargetsController] })
export class TargetsModule {}
