import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Actor, SignedInRequest } from './actor';

/** The signed-in user, as the access guard put it on the request. */
export const actorOf = (context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<SignedInRequest>().user;
  if (!actor) throw new UnauthorizedException({ message: 'Sign in first', code: 'unauthenticated' });
  return actor;
};

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => actorOf(context));
