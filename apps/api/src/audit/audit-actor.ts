import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Actor } from '../auth/actor';
import { actorOf } from '../auth/current-actor.decorator';

/** Who an audit entry says acted: the signed-in user, and the request's correlation id if it sent one. */
export type AuditActor = { userId?: string; username: string; correlationId?: string };

/** The actor as the audit log names them, for the pages' reads (the API's carry the request's correlation id too: CurrentAuditActor). */
export const auditActorOf = (actor: Pick<Actor, 'userId' | 'username'>): AuditActor => ({ userId: actor.userId, username: actor.username });

/** The signed-in user (401 without one: nothing is audited as nobody). */
export const CurrentAuditActor = createParamDecorator((_: unknown, context: ExecutionContext): AuditActor => {
  const { userId, username } = actorOf(context);
  const correlation = context.switchToHttp().getRequest<Request>().header('x-correlation-id');
  return { userId, username, correlationId: correlation && correlation.length <= 200 ? correlation : undefined };
});
