import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError } from '@safer-cases/domain';
import { EventStoreUnavailable, StreamRevisionConflict } from '@safer-cases/event-store';
import { isConnectionFailure } from '@safer-cases/event-store/postgres/connection-failure';
import type { Request, Response } from 'express';
import { isApiPath } from './api-paths';

export type ErrorBody = { statusCode: number; error: string; message: string; code?: string; details?: unknown };

const statusOfKind: Record<DomainError['kind'], number> = {
  'not-found': HttpStatus.NOT_FOUND,
  'already-exists': HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

const reason: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one place a rule's code becomes an HTTP status and the error body of shared/API.md. */
export const toErrorBody = (exception: unknown): ErrorBody => {
  if (exception instanceof DomainError) {
    const statusCode = statusOfKind[exception.kind];
    return { statusCode, error: reason[statusCode], message: exception.message, code: exception.code, details: exception.details };
  }
  if (exception instanceof StreamRevisionConflict) {
    return { statusCode: 409, error: reason[409], message: 'Someone else changed this record at the same moment; read it again and retry', code: exception.code };
  }
  if (exception instanceof EventStoreUnavailable) {
    return { statusCode: 503, error: reason[503], message: exception.message, code: exception.code };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = typeof body.message === 'string' ? body.message : exception.message;
    return {
      statusCode,
      error: reason[statusCode] ?? 'Error',
      message,
      ...(typeof body.code === 'string' ? { code: body.code } : {}),
      ...(body.details !== undefined ? { details: body.details } : {}),
    };
  }
  // The read/write pool's own failures (a query, a sign-in, an idempotency key): the same 503 as the store's.
  if (isConnectionFailure(exception)) {
    return { statusCode: 503, error: reason[503], message: 'The database is unavailable', code: 'database-unavailable' };
  }
  const parseFailure = bodyParserFailure(exception);
  if (parseFailure) return parseFailure;
  return { statusCode: 500, error: reason[500], message: 'Something went wrong on our side; nothing was recorded' };
};

/** Errors raised by express's body parser before Nest sees the request (malformed JSON, size). */
const bodyParserFailure = (exception: unknown): ErrorBody | undefined => {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return { statusCode: 400, error: reason[400], message: 'The request body is not valid JSON', code: 'malformed-json' };
  if (type === 'entity.too.large') return { statusCode: 413, error: reason[413], message: 'The request body is too large', code: 'body-too-large' };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: reason[status] ?? 'Error', message: 'The request could not be read', code: String(type ?? 'bad-request') };
  }
  return undefined;
};

/** How long a client is told to wait when the database or the event store is away: it comes back by itself. */
export const retryAfterSeconds = '5';

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.statusCode >= 500 && body.statusCode !== 503) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const response = host.switchToHttp().getResponse<Response>();
    if (body.statusCode === 503) response.setHeader('Retry-After', retryAfterSeconds);
    if (!isApiPath(host.switchToHttp().getRequest<Request>().path)) {
      response.status(body.statusCode).render('error', {
        title: body.statusCode === 404 ? 'Page not found' : body.error,
        message: body.statusCode === 404 ? 'If you typed the web address, check it is correct.' : body.message,
      });
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
