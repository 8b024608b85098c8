import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { afterProblem, positionPattern } from './after.query';
import { ReadYourWrites } from './read-your-writes';

/**
 * A GET under /api with `after=<position>` answers only once the read models have applied that
 * position (a client's own write), or 503 `read-model-behind` when they have not in time.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly readYourWrites: ReadYourWrites) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const after: unknown = request.query.after;
    if (request.method !== 'GET' || !request.path.startsWith('/api/') || after === undefined) return next.handle();
    if (typeof after !== 'string' || !positionPattern.test(after)) {
      throw new BadRequestException({
        message: `Invalid request: ${afterProblem}`,
        code: 'invalid-request',
        details: [{ field: 'after', problems: [afterProblem] }],
      });
    }
    await this.readYourWrites.assertCaughtUp(BigInt(after));
    return next.handle();
  }
}
