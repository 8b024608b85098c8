import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Every list query may name a position its read models must have applied before answering. */
export abstract class ReadYourWritesQuery {
  @ApiPropertyOptional({ description: 'A position the read models must have applied before answering' })
  @IsOptional()
  @Matches(/^\d+$/, { message: 'after must be a position: a whole number written in digits' })
  after?: string;
}
