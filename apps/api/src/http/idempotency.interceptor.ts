import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { SignedInRequest } from '../auth/actor';
import { CommandTransaction } from '../application/command-transaction';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies holding a password: never fingerprinted, and their answers (tokens) never kept; nor the answers of a password reset (`/api/users/:id/password-reset`). */
const withCredentials = new Set(['/api/auth/login', '/api/users']);

/**
 * Every write runs in one transaction (`TransactionScope`): its events, the personal data it
 * names and, with an `Idempotency-Key`, the key and its first answer commit together, and the
 * answer goes out only after the commit. A retry of a committed write replays the stored answer
 * and writes nothing more; a refused or failed command rolls everything back, its key included,
 * so a retry may run.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly transaction: CommandTransaction,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!writes.has(request.method)) return next.handle();
    const key = withCredentials.has(request.path) || request.path.endsWith('/password-reset') ? undefined : request.header('idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 255)) {
      throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 characters', code: 'invalid-idempotency-key' });
    }
    const response = context.switchToHttp().getResponse<Response>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const idempotency =
      key === undefined
        ? undefined
        : { owner: (request as SignedInRequest).user?.username ?? '', key, request: `${request.method} ${request.path}`, body: request.body as unknown };
    return from(
      this.transaction
        .run(idempotency, status, () => lastValueFrom(next.handle(), { defaultValue: undefined }))
        .then((answer) => {
          if (answer.replayed) {
            response.status(answer.status);
            response.setHeader('Idempotent-Replayed', 'true');
          }
          return answer.body;
        }),
    );
  }
}
