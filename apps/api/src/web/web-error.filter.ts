import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorBody, retryAfterSeconds, toErrorBody } from '../http/domain-error.filter';
import { forbiddenReason, ruleMessage, ruleMessages } from './messages';
import { audienceText, yourPagesText } from './navigation';
import { endSession } from './session';
import { PageNotForYou, SignInRequired } from './web.guard';
import { WebRequest } from './web-request';

const titles: Record<number, string> = {
  400: 'There is a problem with the request',
  403: 'You cannot see this page',
  404: 'Page not found',
  409: 'Someone else changed this record',
  422: 'This could not be recorded',
  429: 'Too many attempts',
  503: 'Sorry, the service is unavailable',
};

/** Errors on pages, as GOV.UK error pages: never a stack trace, always what to do next. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequired) {
      response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(exception.returnTo)}`);
      return;
    }
    const body = toErrorBody(exception);
    if (body.statusCode === 401) {
      endSession(request, response);
      response.redirect(303, '/sign-in');
      return;
    }
    if (body.statusCode >= 500 && body.statusCode !== 503) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (body.statusCode === 503) response.setHeader('Retry-After', retryAfterSeconds);
    const message = exception instanceof PageNotForYou ? body.message : messageOf(body, request);
    response.status(body.statusCode).render('error', { title: titles[body.statusCode] ?? 'Sorry, there is a problem with the service', message, code: body.code });
  }
}

/**
 * What the page says, in plain words: a refusal the rules or the policy made (messages.ts), our
 * side's trouble, and for anything refused to the user, where they can go instead.
 */
const messageOf = (body: ErrorBody, request: WebRequest): string => {
  if (body.statusCode === 503 && body.code === 'read-model-behind') return 'Your change was recorded, but this page cannot show it yet. Reload the page in a few seconds.';
  if (body.statusCode === 503) return 'The service is briefly unavailable. Nothing was recorded. Try again in a few seconds.';
  if (body.statusCode >= 500) return 'Something went wrong on our side. Nothing was recorded. Try again; if it happens again, tell your administrator.';
  if (body.code === 'forbidden') {
    const reason = forbiddenReason(body.message, audienceText);
    return request.webActor ? `${reason} ${yourPagesText(request.webActor.role)}` : reason;
  }
  if (body.statusCode === 400) {
    return request.method === 'GET' ? 'The address of this page is not one the service can show. Go back and try again.' : 'The form could not be read. Go back and try again.';
  }
  return body.code !== undefined && Object.hasOwn(ruleMessages, body.code) ? `${ruleMessage(body)}.` : body.message;
};
