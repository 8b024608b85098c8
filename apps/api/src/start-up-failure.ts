import { EmbeddedPostgresFailure } from '@safer-cases/database';

/**
 * What to print when the app cannot start. A failure worded for the person running the app is
 * shown as it is; anything else with its stack, for a developer; and never just "undefined"
 * (some libraries reject with no value at all).
 */
export const describeStartUpFailure = (error: unknown): string => {
  if (error instanceof EmbeddedPostgresFailure) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  if (error === undefined || error === null) return 'something failed without saying why (it gave no error)';
  return typeof error === 'string' ? error : JSON.stringify(error);
};
