import fc from 'fast-check';
import { decodeCaseCursor, encodeCaseCursor } from './case-cursor';

describe('case list cursor', () => {
  it('reads back the position it wrote, for any date and id', () => {
    const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.string({ minLength: 1, maxLength: 60 }), (referredOn, caseId) => {
        const cursor = encodeCaseCursor({ referredOn, caseId });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCaseCursor(cursor)).toEqual({ referredOn, caseId });
      }),
    );
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['not a pair', Buffer.from('["2015-01-20"]').toString('base64url')],
    ['not a real date', Buffer.from('["2015-02-30","x"]').toString('base64url')],
    ['an empty id', Buffer.from('["2015-02-03",""]').toString('base64url')],
    ['too long', 'a'.repeat(600)],
  ])('refuses a cursor that is %s', (_, value) => {
    expect(decodeCaseCursor(value)).toBeUndefined();
  });
});
