import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** A global position as commands return it: digits only, within PostgreSQL's bigint. */
export const positionPattern = /^\d{1,19}$/;

export const afterProblem = 'after must be a position as a command returned it: digits only';

const description = 'Wait (up to 5 s) until the read models have applied this position, so that a client reads its own writes; 503 read-model-behind if they have not by then';

/**
 * The query of a GET that reads the read models: extend it, so that the validation pipe, which
 * refuses unknown query fields, lets `after` through. ReadYourWritesInterceptor does the waiting.
 */
export class AfterQuery {
  @ApiPropertyOptional({ description, example: '1234', pattern: positionPattern.source })
  @IsOptional()
  @Matches(positionPattern, { message: afterProblem })
  after?: string;
}
