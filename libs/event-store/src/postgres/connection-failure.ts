/** SQLSTATEs and socket codes meaning the server is gone or refusing us, not that the request was wrong. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '25P03',
  '25P04',
]);

const unavailableMessages = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /not queryable/i];

export const isConnectionFailure = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  return unavailableMessages.some((pattern) => pattern.test(error.message));
};
