import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';

/** Who is recording, and the request's correlation id: the metadata every event carries. */
export type Recorder = { recordedBy: string; correlationId: string; causationId?: string };

export const CurrentRecorder = createParamDecorator((_: unknown, context: ExecutionContext): Recorder => {
  const request = context.switchToHttp().getRequest<Request & { user?: { username?: string } }>();
  const correlation = request.header('x-correlation-id');
  return {
    recordedBy: request.user?.username ?? 'anonymous',
    correlationId: correlation && correlation.length <= 200 ? correlation : randomUUID(),
    causationId: request.header('idempotency-key') ?? undefined,
  };
});
