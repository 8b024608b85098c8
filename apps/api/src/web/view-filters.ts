import type { Environment } from 'nunjucks';

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);

/** `2026-11-22` as "22 November 2026" (GOV.UK style); anything else as it is. */
export const formatDate = (value: unknown): string => (isIsoDate(value) ? longDate.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : value == null ? '' : String(value));

export const formatShortDate = (value: unknown): string => (isIsoDate(value) ? shortDate.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : value == null ? '' : String(value));

/** `agreement-reached` as "Agreement reached". */
export const humanise = (value: unknown): string => {
  const text = String(value ?? '').replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** `OutcomeAgreementReached` as "Outcome agreement reached". */
export const eventName = (type: unknown): string =>
  humanise(
    String(type ?? '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase(),
  );

const hiddenDetails = new Set(['today', 'caseId', 'personId', 'victimId', 'programme', 'referredOn']);

/** An event's business details in a line ("reason: moved away; hours: 1.5"): no ids, no dates already shown. */
export const eventDetails = (data: unknown): string => {
  if (typeof data !== 'object' || data === null) return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(
      ([key, value]) => !hiddenDetails.has(key) && !key.endsWith('Id') && !key.endsWith('Ids') && !key.endsWith('On') && key !== 'on' && value !== undefined && value !== null,
    )
    .map(([key, value]) => {
      if (key === 'amountPence' && typeof value === 'number') return `amount: £${(value / 100).toFixed(2)}`;
      if (key.endsWith('Date') && isIsoDate(value)) return `${eventName(key).toLowerCase()}: ${formatDate(value)}`;
      return `${eventName(key).toLowerCase()}: ${typeof value === 'object' && value !== null ? detailText(value) : String(value)}`;
    })
    .join('; ');
};

const detailText = (value: object): string =>
  Array.isArray(value)
    ? value.map((each) => (typeof each === 'object' && each !== null ? detailText(each) : String(each))).join(', ')
    : Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !key.endsWith('Id'))
        .map(([key, each]) => `${eventName(key).toLowerCase()} ${typeof each === 'object' && each !== null ? detailText(each) : String(each)}`)
        .join(', ');

/** Filters every template can use: `{{ case.referredOn | date }}`, `{{ status | humanise }}`. */
export const addFilters = (environment: Environment): void => {
  environment.addFilter('date', formatDate);
  environment.addFilter('shortDate', formatShortDate);
  environment.addFilter('humanise', humanise);
  environment.addFilter('json', (value: unknown) => JSON.stringify(value));
  environment.addFilter('eventName', eventName);
  environment.addFilter('eventDetails', eventDetails);
};
