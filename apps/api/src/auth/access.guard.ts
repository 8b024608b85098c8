import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, SignedInRequest } from './actor';
import { RouteKey, ruleOf } from './policy';
import { routeKeyOf } from './route-key';
import { Sessions } from './sessions';
import { audienceOf } from './page-audience';
import { authorize } from '../application/authorize';

/**
 * The route half of the policy, on every route: public routes pass; every other needs a valid
 * bearer token of a session still open (401) whose role the policy lists for the route (403).
 * A route the policy does not name is refused to everyone. Case- and volunteer-level checks follow where those are loaded.
 * Pages (web/) are let through to their own guard: they sign in by cookie, and the application
 * services they call in process ask the same policy (`authorize`) for the signed-in user.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly sessions: Sessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const http = context.switchToHttp();
    const request = http.getRequest<SignedInRequest>();
    if (audienceOf(context.getClass()) !== undefined) return true;
    const key = routeKeyOf(context.getClass(), context.getHandler());
    const rule = ruleOf(key);
    if (rule?.public) return true;
    const actor = await this.actorOf(request);
    if (!actor) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({ message: 'Sign in first: send Authorization: Bearer <accessToken> from POST /api/auth/login', code: 'unauthenticated' });
    }
    if (!rule || key === undefined) throw new ForbiddenException({ message: `${key ?? 'This route'} is not open to any role`, code: 'forbidden' });
    authorize(actor, key as RouteKey);
    request.user = actor;
    return true;
  }

  private async actorOf(request: SignedInRequest): Promise<Actor | undefined> {
    const [scheme, token, ...rest] = (request.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) return undefined;
    return (await this.sessions.check(token))?.actor;
  }
}
