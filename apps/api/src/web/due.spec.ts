import { casesDue, daysAgoText, dueView, eachCaseOnce, oldestFirst } from './due';

describe('a start page’s reminders', () => {
  it('says how long ago in words', () => {
    expect([daysAgoText('2026-12-02', '2026-12-02'), daysAgoText('2026-12-01', '2026-12-02'), daysAgoText('2026-11-03', '2026-12-02')]).toEqual([
      'today',
      'yesterday',
      '29 days ago',
    ]);
  });

  it('orders by the date the wait began, then by case, keeping one case’s items in their order', () => {
    const items = [
      { caseId: 'b', due: 'second of b', since: '2026-11-01', detail: '' },
      { caseId: 'b', due: 'first of b', since: '2026-11-01', detail: '' },
      { caseId: 'a', due: 'a', since: '2026-11-01', detail: '' },
      { caseId: 'c', due: 'oldest', since: '2026-10-01', detail: '' },
    ];
    expect(oldestFirst(items).map((item) => item.due)).toEqual(['oldest', 'a', 'second of b', 'first of b']);
  });

  it('reads the names of the cases due only, each case once', () => {
    const candidates = [{ caseId: 'a' }, { caseId: 'b' }, { caseId: 'c' }];
    expect(casesDue(candidates, [{ caseId: 'c', due: '', since: '2026-11-01', detail: '' }])).toEqual([{ caseId: 'c' }]);
    expect(
      eachCaseOnce([
        { caseId: 'a', n: 1 },
        { caseId: 'b', n: 2 },
        { caseId: 'a', n: 3 },
      ]),
    ).toEqual([
      { caseId: 'a', n: 1 },
      { caseId: 'b', n: 2 },
    ]);
  });

  it('shows each item by its person’s name where one is held, and always its reference', () => {
    const caseId = '6f1d0c1e-0000-4000-8000-000000000001';
    const other = '7a2e0c1e-0000-4000-8000-000000000002';
    const items = [
      { caseId, due: 'Victim survey not taken', since: '2026-11-03', detail: 'panel held 3 November 2026 (29 days ago)' },
      { caseId: other, due: 'Victim survey not taken', since: '2026-11-04', detail: 'panel held 4 November 2026 (28 days ago)' },
    ];
    const names = new Map([[caseId, { givenName: 'Jordan', familyName: 'Hale', erased: false }]]);
    expect(dueView(items, names, { casePath: '/restorative-justice/cases', nothing: 'Nothing is due.' })).toEqual({
      casePath: '/restorative-justice/cases',
      nothing: 'Nothing is due.',
      items: [
        { ...items[0], reference: '6f1d0c1e', name: 'Jordan Hale' },
        { ...items[1], reference: '7a2e0c1e', name: undefined },
      ],
    });
  });
});
