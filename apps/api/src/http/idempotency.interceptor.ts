import { BadRequestException, CallHandler, ConflictException, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { SignedInRequest } from '../auth/actor';
import { IdempotencyStore } from './idempotency.store';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies holding a password: never fingerprinted, and their answers (tokens) never kept. */
const withCredentials = new Set(['/api/auth/login', '/api/users']);

/**
 * `Idempotency-Key` on a write: the first successful answer is kept and replayed to retries,
 * which write nothing more. A key is claimed before the command runs, so two racing retries
 * cannot both write; a refused command releases its key (it wrote nothing, so a retry may run).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header('idempotency-key');
    if (!writes.has(request.method) || key === undefined || withCredentials.has(request.path)) return next.handle();
    if (key.length < 1 || key.length > 255) {
      throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 characters', code: 'invalid-idempotency-key' });
    }
    const owner = (request as SignedInRequest).user?.username ?? '';
    const scope = `${request.method} ${request.path}`;
    const fingerprint = createHash('sha256').update(`${scope}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    // Keys are the caller's own: one user can neither replay nor block another's answer.
    const ownKey = `${owner} ${key}`;
    const claim = await this.keys.claim(ownKey, fingerprint);
    const response = context.switchToHttp().getResponse<Response>();
    switch (claim.kind) {
      case 'replay':
        response.status(claim.status);
        response.setHeader('Idempotent-Replayed', 'true');
        return of(claim.body);
      case 'in-progress':
        throw new ConflictException({ message: 'A request with this Idempotency-Key is still being processed', code: 'idempotency-key-in-use' });
      case 'mismatch':
        throw new UnprocessableEntityException({
          message: 'This Idempotency-Key was used for a different request; use a new key',
          code: 'idempotency-key-reused',
        });
      case 'claimed': {
        const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
        return next.handle().pipe(
          mergeMap((body) => from(this.keys.complete(ownKey, status, body).then(() => body))),
          catchError((error: unknown) => from(this.keys.release(ownKey).then(() => Promise.reject(error)))),
        );
      }
    }
  }
}
