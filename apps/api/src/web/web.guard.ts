import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { audienceText, yourPagesText } from './navigation';
import { audienceOf } from '../auth/page-audience';
import { WebRequest } from './web-request';

/** Thrown for a page that needs a session when there is none: the error filter sends the user to sign in. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to see this page');
  }
}

/**
 * A page opened by a signed-in user whose role it is not for. Its message is already the page's
 * words (whom the page is for, and the user's own pages), so the error page shows it as it is.
 */
export class PageNotForYou extends ForbiddenException {
  constructor(message: string) {
    super({ message, code: 'forbidden' });
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
      const whom = typeof audience === 'object' ? `This page is for ${audienceText(audience)}.` : 'This page is not one of yours.';
      throw new PageNotForYou(`${whom} ${yourPagesText(actor.role)}`);
    }
    return true;
  }
}
