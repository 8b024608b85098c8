import { auditWords, londonDateTime } from './audit-words';

describe('the audit log in words', () => {
  it('names the fields read, in a list as people write one', () => {
    expect(auditWords({ action: 'personal-data-read', details: { fields: ['givenName'] } })).toBe('Read the given name');
    expect(auditWords({ action: 'personal-data-read', details: { fields: ['givenName', 'familyName', 'dateOfBirth', 'contact'] } })).toBe(
      'Read the given name, family name, date of birth and contact details',
    );
    expect(auditWords({ action: 'personal-data-read', details: {} })).toBe('Read personal details');
  });

  it('says whose account was changed, and how', () => {
    expect(auditWords({ action: 'user-created', details: { username: 'v.okafor', role: 'rj-coordinator' } })).toBe('Gave v.okafor a sign-in as restorative justice coordinator');
    expect(auditWords({ action: 'user-password-reset', details: { username: 'v.okafor' } })).toBe('Reset v.okafor’s password to a temporary one, and signed them out');
    expect(auditWords({ action: 'user-disabled', details: {} })).toBe('Disabled a user’s account, and signed them out');
  });

  it('words an action it does not know from its name, rather than failing', () => {
    expect(auditWords({ action: 'something-new', details: {} })).toBe('Something new');
  });

  it('gives the time as London reads it, summer time included', () => {
    expect(londonDateTime('2026-11-22T14:05:00.000Z')).toBe('22 November 2026 at 14:05');
    expect(londonDateTime('2026-07-01T14:05:00.000Z')).toBe('1 July 2026 at 15:05');
  });
});
