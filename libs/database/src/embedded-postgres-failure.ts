/**
 * A reason the embedded PostgreSQL cannot start, worded for whoever runs Safer Cases: the
 * message says what is wrong and what to do about it, so it is shown as it is, without a stack.
 */
export class EmbeddedPostgresFailure extends Error {
  override readonly name = 'EmbeddedPostgresFailure';
}

/** Any rejection as an Error with a message (some libraries reject with nothing at all). */
export const asError = (error: unknown): Error => {
  if (error instanceof Error) return error;
  if (error === undefined || error === null) return new Error('the database server failed without saying why');
  return new Error(typeof error === 'string' ? error : JSON.stringify(error));
};
