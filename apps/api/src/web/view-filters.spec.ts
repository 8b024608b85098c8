import { eventDetails, eventName, formatDate, humanise } from './view-filters';

describe('what the pages print', () => {
  it('writes dates the GOV.UK way', () => {
    expect(formatDate('2026-11-02')).toBe('2 November 2026');
    expect(formatDate('2026-11-02T23:30:00.000Z')).toBe('2 November 2026');
    expect(formatDate(undefined)).toBe('');
  });

  it('turns codes and event types into words', () => {
    expect(humanise('agreement-reached')).toBe('Agreement reached');
    expect(eventName('OutcomeAgreementReached')).toBe('Outcome agreement reached');
  });

  it('lists an event’s business details without ids, dates or the command’s today', () => {
    expect(eventDetails({ caseId: 'c', on: '2026-01-01', reason: 'moved away', hours: 1.5, facilitatorIds: ['a'], today: '2026-01-02' })).toBe('reason: moved away; hours: 1.5');
    expect(eventDetails({ referrer: { organisation: 'police', reference: 'CR/1' } })).toBe('referrer: organisation police, reference CR/1');
    expect(eventDetails({ amountPence: 4400, courseDate: '2026-12-03' })).toBe('amount: £44.00; course date: 3 December 2026');
  });
});
