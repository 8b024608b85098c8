import { BadRequestException, CallHandler, ConflictException, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { TransactionScope } from '@safer-cases/event-store';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { SignedInRequest } from '../auth/actor';
import { Database } from '../shared/database';
import { Claim, IdempotencyStore } from './idempotency.store';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies holding a password: never fingerprinted, and their answers (tokens) never kept. */
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
    private readonly keys: IdempotencyStore,
    private readonly database: Database,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!writes.has(request.method)) return next.handle();
    const key = withCredentials.has(request.path) ? undefined : request.header('idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 255)) {
      throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 characters', code: 'invalid-idempotency-key' });
    }
    const response = context.switchToHttp().getResponse<Response>();
    return from(
      TransactionScope.run(this.database.pool, async (scope) => {
        if (key === undefined) return lastValueFrom(next.handle(), { defaultValue: undefined });
        // Keys are the caller's own: one user can neither replay nor block another's answer.
        const ownKey = `${(request as SignedInRequest).user?.username ?? ''} ${key}`;
        const fingerprint = createHash('sha256')
          .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
          .digest('hex');
        const claim = await this.keys.claim(await scope.transaction(), ownKey, fingerprint);
        if (claim.kind !== 'claimed') return this.replay(claim, response);
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
        await this.keys.complete(await scope.transaction(), ownKey, status, body);
        return body;
      }),
    );
  }

  private replay(claim: Exclude<Claim, { kind: 'claimed' }>, response: Response): unknown {
    switch (claim.kind) {
      case 'replay':
        response.status(claim.status);
        response.setHeader('Idempotent-Replayed', 'true');
        return claim.body;
      case 'in-progress':
        throw new ConflictException({ message: 'A request with this Idempotency-Key is still being processed; try again in a moment', code: 'idempotency-key-in-use' });
      case 'mismatch':
        throw new UnprocessableEntityException({
          message: 'This Idempotency-Key was used for a different request; use a new key',
          code: 'idempotency-key-reused',
        });
    }
  }
}
