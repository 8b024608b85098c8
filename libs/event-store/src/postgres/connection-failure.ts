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

/** Looks at the shape rather than `instanceof`: socket errors come from Node's own realm. */
export const isConnectionFailure = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
  return typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message));
};
