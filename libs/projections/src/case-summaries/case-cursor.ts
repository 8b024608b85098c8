import { CalendarDate, isCalendarDate } from '@safer-cases/domain';

/** Where a page of the case list ended: the last case's referral date and id, in list order. */
export type CaseCursor = { referredOn: CalendarDate; caseId: string };

const maxCursorLength = 512;

/** Opaque to clients: base64url of the last row's (referred_on, case_id). */
export const encodeCaseCursor = ({ referredOn, caseId }: CaseCursor): string => Buffer.from(JSON.stringify([referredOn, caseId]), 'utf8').toString('base64url');

/** The cursor's position, or undefined for anything `encodeCaseCursor` could not have written. */
export const decodeCaseCursor = (value: string): CaseCursor | undefined => {
  if (value.length === 0 || value.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [referredOn, caseId] = parsed as unknown[];
  return isCalendarDate(referredOn) && typeof caseId === 'string' && caseId.length > 0 ? { referredOn, caseId } : undefined;
};
