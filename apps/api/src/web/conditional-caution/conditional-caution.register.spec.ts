import { completedText, completionOutcome, RegisterEntry, nameOf, recordedText, registerOutcome, registerRows } from './conditional-caution.register';

const courseId = '7c1e5a20-0000-4000-8000-0000000000c1';
const otherCourseId = '7c1e5a20-0000-4000-8000-0000000000c2';

const caseOf = (caseId: string, status: string, fields: Partial<RegisterEntry> = {}, closed = false): RegisterEntry => ({
  caseId,
  status,
  closed,
  referredOn: '2026-11-02',
  deadline: '2027-01-12',
  courseId,
  ...fields,
});

describe('the register of a course', () => {
  it('lets the officer mark only those booked on this course and still waiting, in referral order', () => {
    const rows = registerRows(
      courseId,
      [
        caseOf('bbbbbbbb-0000-4000-8000-000000000002', 'booked', { referredOn: '2026-11-05', feePaidOn: '2026-11-20' }),
        caseOf('aaaaaaaa-0000-4000-8000-000000000001', 'attended', { attendedOn: '2026-12-03' }),
        caseOf('cccccccc-0000-4000-8000-000000000003', 'breached'),
        caseOf('dddddddd-0000-4000-8000-000000000004', 'booked', {}, true),
        caseOf('eeeeeeee-0000-4000-8000-000000000005', 'booked', { courseId: otherCourseId }),
      ],
      new Set(['bbbbbbbb-0000-4000-8000-000000000002', 'cccccccc-0000-4000-8000-000000000003']),
    );
    expect(rows.map(({ reference, attended, markable, checked }) => ({ reference, attended, markable, checked }))).toEqual([
      { reference: 'aaaaaaaa', attended: true, markable: false, checked: false },
      { reference: 'cccccccc', attended: false, markable: false, checked: false },
      { reference: 'dddddddd', attended: false, markable: false, checked: false },
      { reference: 'eeeeeeee', attended: false, markable: false, checked: false },
      { reference: 'bbbbbbbb', attended: false, markable: true, checked: true },
    ]);
    expect(rows[4]).toMatchObject({ referredOn: '2026-11-05', deadline: '2027-01-12', feePaidOn: '2026-11-20' });
  });

  it('counts as attended only an attendance on this course, and reckons a deadline the read model lacks from the referral', () => {
    const [row] = registerRows(courseId, [caseOf('aaaaaaaa-0000-4000-8000-000000000001', 'attended', { courseId: otherCourseId, attendedOn: '2026-12-10', deadline: undefined })]);
    expect(row).toMatchObject({ attended: false, markable: false, deadline: '2027-01-25' });
  });

  it('names each person by the names held, "Not recorded" when none are, and erased people as erased', () => {
    const person = { personId: 'p', kind: 'subject' as const, erased: false };
    expect(nameOf({ ...person, givenName: 'Jordan', familyName: 'Hale' })).toBe('Jordan Hale');
    expect(nameOf({ ...person, familyName: 'Hale' })).toBe('Hale');
    expect(nameOf({ ...person, dateOfBirth: '1994-06-02' })).toBe('Not recorded');
    expect(nameOf(null)).toBe('Not recorded');
    expect(nameOf({ ...person, erased: true, givenName: '[erased]', familyName: '[erased]' })).toBe('[erased] [erased]');
  });

  it('counts those recorded, keeps the latest position, and names each refusal with its case', () => {
    const outcome = registerOutcome([
      { caseId: 'aaaaaaaa-0000-4000-8000-000000000001', position: '98' },
      { caseId: 'bbbbbbbb-0000-4000-8000-000000000002', refusal: 'Case bbbbbbbb-… breached its caution' },
      { caseId: 'cccccccc-0000-4000-8000-000000000003', position: '102' },
    ]);
    expect(outcome).toEqual({
      recorded: 2,
      position: '102',
      errors: { summary: [{ text: 'Case bbbbbbbb was not recorded: Case bbbbbbbb-… breached its caution', href: '#case-bbbbbbbb-0000-4000-8000-000000000002' }], fields: {} },
    });
    expect(registerOutcome([{ caseId: 'a', refusal: 'no' }])).toMatchObject({ recorded: 0, position: undefined });
  });

  it('compares positions as whole numbers, not as text', () => {
    expect(
      registerOutcome([
        { caseId: 'a', position: '999' },
        { caseId: 'b', position: '1000' },
      ]).position,
    ).toBe('1000');
  });

  it('says how many were recorded', () => {
    expect([1, 2].map(recordedText)).toEqual(['Attendance recorded for 1 person', 'Attendance recorded for 2 people']);
    expect([1, 2].map(completedText)).toEqual(['Completion recorded for 1 person', 'Completion recorded for 2 people']);
  });

  it('offers completion only to those who attended this course and are not yet completed, breached or closed', () => {
    const rows = registerRows(
      courseId,
      [
        caseOf('aaaaaaaa-0000-4000-8000-000000000001', 'attended', { attendedOn: '2026-12-03' }),
        caseOf('bbbbbbbb-0000-4000-8000-000000000002', 'attended', { attendedOn: '2026-12-03' }),
        caseOf('cccccccc-0000-4000-8000-000000000003', 'completed', { attendedOn: '2026-12-03' }),
        caseOf('dddddddd-0000-4000-8000-000000000004', 'attended', { attendedOn: '2026-12-03' }, true),
        caseOf('eeeeeeee-0000-4000-8000-000000000005', 'attended', { courseId: otherCourseId, attendedOn: '2026-12-10' }),
        caseOf('ffffffff-0000-4000-8000-000000000006', 'booked'),
      ],
      new Set(),
      new Set(['bbbbbbbb-0000-4000-8000-000000000002', 'cccccccc-0000-4000-8000-000000000003', 'ffffffff-0000-4000-8000-000000000006']),
    );
    expect(rows.map(({ reference, completable, completeChecked }) => ({ reference, completable, completeChecked }))).toEqual([
      { reference: 'aaaaaaaa', completable: true, completeChecked: false },
      { reference: 'bbbbbbbb', completable: true, completeChecked: true },
      { reference: 'cccccccc', completable: false, completeChecked: false },
      { reference: 'dddddddd', completable: false, completeChecked: false },
      { reference: 'eeeeeeee', completable: false, completeChecked: false },
      { reference: 'ffffffff', completable: false, completeChecked: false },
    ]);
  });

  it('counts the completions recorded and names each person refused, by name where one is held, with the rule', () => {
    const names = new Map([['bbbbbbbb-0000-4000-8000-000000000002', 'Jordan Hale']]);
    const outcome = completionOutcome(
      [
        { caseId: 'aaaaaaaa-0000-4000-8000-000000000001', position: '98' },
        { caseId: 'bbbbbbbb-0000-4000-8000-000000000002', refusal: 'record the fee as paid before the caution is completed' },
        { caseId: 'cccccccc-0000-4000-8000-000000000003', refusal: 'it is not booked on this course' },
      ],
      (caseId) => names.get(caseId),
    );
    expect(outcome).toEqual({
      recorded: 1,
      position: '98',
      errors: {
        summary: [
          { text: 'Jordan Hale (bbbbbbbb) was not recorded as completed: record the fee as paid before the caution is completed', href: '#completion' },
          { text: 'Case cccccccc was not recorded as completed: it is not booked on this course', href: '#completion' },
        ],
        fields: {},
      },
    });
  });
});
