import { CoachingDueCase, coachingDue } from './community-coaching.due';

const today = '2026-11-22';

const intervention = (caseId: string, fields: Partial<CoachingDueCase>): CoachingDueCase => ({
  caseId,
  status: 'intervention-open',
  closed: false,
  startedOn: '2026-09-01',
  ...fields,
});

describe('what is due on a coaching coordinator’s interventions', () => {
  it('names an open intervention whose latest session was 21 days ago or more', () => {
    expect(coachingDue([intervention('a', { latestSessionOn: '2026-10-31' })], today)).toEqual([
      { caseId: 'a', due: 'No session for three weeks or more', since: '2026-10-31', detail: 'last session 31 October 2026 (22 days ago)' },
    ]);
    expect(coachingDue([intervention('b', { latestSessionOn: '2026-11-01' })], today).map((item) => item.detail)).toEqual(['last session 1 November 2026 (21 days ago)']);
  });

  it('leaves out one with a session in the last three weeks', () => {
    expect(coachingDue([intervention('a', { latestSessionOn: '2026-11-02' })], today)).toEqual([]);
  });

  it('counts from the start when no session has been logged', () => {
    expect(coachingDue([intervention('none yet', { startedOn: '2026-10-25' })], today)).toEqual([
      { caseId: 'none yet', due: 'No session for three weeks or more', since: '2026-10-25', detail: 'none since the intervention started 25 October 2026 (28 days ago)' },
    ]);
    expect(coachingDue([intervention('just started', { startedOn: '2026-11-10' })], today)).toEqual([]);
  });

  it('leaves out interventions not started, ended, or whose case is closed', () => {
    const cases = [
      intervention('assigned', { status: 'coach-assigned', startedOn: undefined }),
      intervention('completed', { status: 'completed' }),
      intervention('withdrawn', { status: 'withdrawn' }),
      intervention('closed', { closed: true }),
    ];
    expect(coachingDue(cases, today)).toEqual([]);
  });

  it('lists the longest wait first', () => {
    const cases = [
      intervention('recent', { latestSessionOn: '2026-10-30' }),
      intervention('oldest', { startedOn: '2026-08-01' }),
      intervention('older', { latestSessionOn: '2026-09-15' }),
    ];
    expect(coachingDue(cases, today).map((item) => item.caseId)).toEqual(['oldest', 'older', 'recent']);
  });
});
