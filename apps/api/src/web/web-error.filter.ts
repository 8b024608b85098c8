import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorBody, retryAfterSeconds, toErrorBody } from '../http/domain-error.filter';
import { endSession } from './session';
import { SignInRequired } from './web.guard';
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
    response.status(body.statusCode).render('error', { title: titles[body.statusCode] ?? 'Sorry, there is a problem with the service', message: messageOf(body), code: body.code });
  }
}

/** What the page says: the API's own words for a refusal, plain words for our side's trouble. */
const messageOf = (body: ErrorBody): string => {
  if (body.statusCode === 503 && body.code === 'read-model-behind') return 'Your change was recorded, but this page cannot show it yet. Reload the page in a few seconds.';
  if (body.statusCode === 503) return 'The service is briefly unavailable. Nothing was recorded. Try again in a few seconds.';
  if (body.statusCode >= 500) return 'Something went wrong on our side. Nothing was recorded. Try again; if it happens again, tell your administrator.';
  return body.message;
};
