import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { pagesOfRole } from './navigation';
import { audienceOf } from '../auth/page-audience';
import { WebRequest } from './web-request';

/** Thrown for a page that needs a session when there is none: the error filter sends the user to sign in. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to see this page');
  }
}

@Injectable()
export class WebGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const audience = audienceOf(context.getClass());
    if (audience === 'public') return true;
    const request = context.switchToHttp().getRequest<WebRequest>();
    const actor = request.webActor;
    if (!actor) throw new SignInRequired(request.method === 'GET' ? request.originalUrl : '/');
    if (audience === undefined || (audience !== 'any' && !audience.includes(actor.role))) {
      const ownPages = pagesOfRole[actor.role].map((page) => page.text).join(', ');
      throw new ForbiddenException({ message: `This page is not for a ${actor.role}. Your pages are: ${ownPages}.`, code: 'forbidden' });
    }
    return true;
  }
}
