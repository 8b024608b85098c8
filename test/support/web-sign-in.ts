import type { Response } from 'supertest';
import { TestApp } from './test-app';

/**
 * The sign-in page driven through supertest, a visitor's cookies kept by hand (supertest's own jar
 * would not send a Secure cookie over the test's plain HTTP, and these tests look at the flags).
 */
export type Visitor = { cookies: Map<string, string>; headers: Record<string, string> };

export const newVisitor = (headers: Record<string, string> = {}): Visitor => ({ cookies: new Map(), headers });

/** The Set-Cookie line of a cookie, with its flags; undefined when the response sets none of that name. */
export const setCookie = (response: Response, name: string): string | undefined => {
  const lines = ([] as string[]).concat((response.headers['set-cookie'] as string[] | string | undefined) ?? []);
  return lines.find((line) => line.startsWith(`${name}=`));
};

const keepCookies = (visitor: Visitor, response: Response): Response => {
  const lines = ([] as string[]).concat((response.headers['set-cookie'] as string[] | string | undefined) ?? []);
  for (const line of lines) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))];
    if (value === '') visitor.cookies.delete(name);
    else visitor.cookies.set(name, value);
  }
  return response;
};

const cookieHeader = (visitor: Visitor): string => [...visitor.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');

export const visit = async (app: TestApp, visitor: Visitor, path: string): Promise<Response> =>
  keepCookies(
    visitor,
    await app
      .http()
      .get(path)
      .set({ ...visitor.headers, Cookie: cookieHeader(visitor) }),
  );

/** Sends a form as the page at `from` would: with the CSRF token that page carries. */
export const sendForm = async (app: TestApp, visitor: Visitor, from: string, to: string, fields: Record<string, string>): Promise<Response> => {
  const page = await visit(app, visitor, from);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error(`${from} answered ${page.status} with no form token`);
  return keepCookies(
    visitor,
    await app
      .http()
      .post(to)
      .set({ ...visitor.headers, Cookie: cookieHeader(visitor) })
      .type('form')
      .send({ _csrf: csrf, ...fields }),
  );
};

export const webSignIn = (app: TestApp, visitor: Visitor, username: string, password: string): Promise<Response> =>
  sendForm(app, visitor, '/sign-in', '/sign-in', { username, password });
