/** SQLSTATEs and socket codes meaning the server is gone or refusing us, not that the request was wrong. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '25P03',
  '25P04',
]);

const unavailableMessages = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /not queryable/i];

/** How far into `cause` and `driverError` a wrapped error is followed. */
const deepestWrapping = 5;

/**
 * Looks at the shape rather than `instanceof`: socket errors come from Node's own realm. Follows
 * the wrappers of a connection failure too: `cause` (ours, Node's) and TypeORM's `driverError`.
 */
export const isConnectionFailure = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null || depth > deepestWrapping) return false;
  const { code, message, errors, cause, driverError } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown; driverError?: unknown };
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  if (Array.isArray(errors) && errors.some((each) => isConnectionFailure(each, depth + 1))) return true;
  if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) return true;
  return isConnectionFailure(cause, depth + 1) || isConnectionFailure(driverError, depth + 1);
};
