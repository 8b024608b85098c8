import { HttpException, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { ErrorBody } from '../http/domain-error.filter';
import { WebRequest } from './web-request';

/** An answer of the API other than 2xx, as its error body says it (shared/API.md). */
export class ApiProblem extends HttpException {
  constructor(readonly body: ErrorBody) {
    super(body, body.statusCode);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * The pages talk to the API exactly as any other client does, over HTTP with the signed-in
 * user's own token, so what a page may read or record, the rules it meets and the error it gets
 * are the API's, and a figure on a page is the API's figure.
 */
@Injectable()
export class WebApi {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** GET: the body, or an ApiProblem (a 404 or 403 then becomes that page). */
  async get<T>(request: WebRequest, path: string, query: Query = {}): Promise<T> {
    return this.call<T>(request, 'GET', withQuery(path, query));
  }

  /** GET the raw text of a response (a CSV download). */
  async getText(request: WebRequest, path: string, query: Query = {}, accept = 'text/csv'): Promise<string> {
    const response = await fetch(this.url(withQuery(path, query)), { headers: this.headers(request, accept) });
    if (!response.ok) throw new ApiProblem(await errorBodyOf(response));
    return response.text();
  }

  /**
   * POST or DELETE a command. The form's idempotency key makes a double-clicked button record
   * once. Refusals come back as the thrown ApiProblem, for the form to show.
   */
  async send<T>(request: WebRequest, method: 'POST' | 'DELETE', path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return this.call<T>(request, method, path, body, idempotencyKey);
  }

  private async call<T>(request: WebRequest, method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers = this.headers(request, 'application/json');
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const response = await fetch(this.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new ApiProblem(await errorBodyOf(response));
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private headers(request: WebRequest, accept: string): Record<string, string> {
    return { Accept: accept, ...(request.webToken ? { Authorization: `Bearer ${request.webToken}` } : {}) };
  }

  private url(path: string): string {
    const address = this.adapterHost.httpAdapter.getHttpServer().address() as AddressInfo | string | null;
    if (address === null || typeof address === 'string') throw new Error('The app is not listening on a TCP port, so its pages cannot reach its API');
    const host = address.family === 'IPv6' ? `[${loopback(address.address, '::1')}]` : loopback(address.address, '127.0.0.1');
    return `http://${host}:${address.port}${path}`;
  }
}

const loopback = (address: string, fallback: string): string => (address === '::' || address === '0.0.0.0' ? fallback : address);

const withQuery = (path: string, query: Query): string => {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') parameters.set(name, String(value));
  const text = parameters.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
};

const errorBodyOf = async (response: Response): Promise<ErrorBody> => {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    return { statusCode: response.status, error: body.error ?? response.statusText, message: body.message ?? response.statusText, code: body.code, details: body.details };
  } catch {
    return { statusCode: response.status, error: response.statusText, message: text || response.statusText };
  }
};
