import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { EventMetadata } from '@safer-cases/event-store';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Actor } from '../auth/actor';
import { actorOf } from '../auth/current-actor.decorator';

/**
 * Who is recording, and the request's correlation id: the metadata every event carries. `actor`
 * is the signed-in user the case- and volunteer-level access checks are made for; only the
 * username goes into the events, as `recordedBy`.
 */
export type Recorder = { recordedBy: string; correlationId: string; causationId?: string; actor: Actor };

export const eventMetadata = ({ recordedBy, correlationId, causationId }: Recorder, recordedAt: string): EventMetadata =>
  causationId === undefined ? { recordedAt, recordedBy, correlationId } : { recordedAt, recordedBy, correlationId, causationId };

export const CurrentRecorder = createParamDecorator((_: unknown, context: ExecutionContext): Recorder => {
  const actor = actorOf(context);
  const request = context.switchToHttp().getRequest<Request>();
  const correlation = request.header('x-correlation-id');
  return {
    recordedBy: actor.username,
    correlationId: correlation && correlation.length <= 200 ? correlation : randomUUID(),
    causationId: request.header('idempotency-key') ?? undefined,
    actor,
  };
});
