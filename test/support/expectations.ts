import type { Response } from 'supertest';
import { TestApp } from './test-app';

/**
 * A refused command: the status and rule code of shared/API.md, and not one event written
 * anywhere in the store. The code is required: every refusal names its rule, and a check
 * without one would pass whatever code came back.
 */
export const expectRefused = async (app: TestApp, send: () => Promise<Response>, status: number, code: string): Promise<Response> => {
  const before = await app.eventCount();
  const response = await send();
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(typeof response.body.message).toBe('string');
  expect(response.body.statusCode).toBe(status);
  expect(await app.eventCount()).toBe(before);
  return response;
};

/** An accepted command: 200/201 with a position, which grows with every write. */
export const expectAccepted = (response: Response): Response => {
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`Expected the command to be accepted, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  expect(response.body.position).toMatch(/^\d+$/);
  return response;
};
