import { CaseListItem, caseloadOf, coachChoices, coachName, loadOf, RosterVolunteer } from './coaching.caseload';

const today = '2026-11-22';

const coach = (volunteerId: string, fields: Partial<RosterVolunteer> = {}): RosterVolunteer => ({
  volunteerId,
  organisation: 'home-start',
  status: 'trained',
  recruitedOn: '2026-01-01',
  trainedOn: '2026-02-01',
  openCaseIds: [],
  openCoachingCases: 0,
  ...fields,
});

const carrying = (volunteerId: string, caseIds: string[], fields: Partial<RosterVolunteer> = {}): RosterVolunteer =>
  coach(volunteerId, { openCaseIds: caseIds, openCoachingCases: caseIds.length, ...fields });

describe('a coach’s load', () => {
  it('counts against the five interventions a coach carries at most', () => {
    expect(loadOf(3)).toEqual({ load: 3, room: 2, full: false, loadInWords: '3 of 5 interventions' });
    expect(loadOf(5)).toMatchObject({ room: 0, full: true });
  });
});

describe('a coach’s name', () => {
  it('is their name where one is held, always with the short reference, and the reference alone otherwise', () => {
    const volunteerId = '5e8a1c3d-0000-4000-8000-000000000001';
    expect(coachName({ volunteerId, name: { givenName: 'Sam', familyName: 'Ellis', erased: false } })).toBe('Sam Ellis (5e8a1c3d)');
    expect(coachName({ volunteerId, name: { givenName: 'Sam', erased: false } })).toBe('Sam (5e8a1c3d)');
    expect(coachName({ volunteerId, name: { erased: true } })).toBe('Coach 5e8a1c3d');
    expect(coachName({ volunteerId, name: null })).toBe('Coach 5e8a1c3d');
    expect(coachName({ volunteerId })).toBe('Coach 5e8a1c3d');
  });
});

describe('the coaches a case may be given', () => {
  it('are Home-Start’s trained coaches who have not left and have room, the least loaded first', () => {
    const roster = [
      carrying('busy', ['c1', 'c2', 'c3']),
      coach('untrained', { status: 'recruited', trainedOn: undefined }),
      coach('left', { status: 'left', leftOn: '2026-06-01' }),
      carrying('full', ['c4', 'c5', 'c6', 'c7', 'c8']),
      coach('facilitator', { organisation: 'victim-support' }),
      carrying('light', ['c9']),
      coach('free'),
    ];
    expect(coachChoices(roster).map((choice) => [choice.volunteerId, choice.loadInWords])).toEqual([
      ['free', '0 of 5 interventions'],
      ['light', '1 of 5 interventions'],
      ['busy', '3 of 5 interventions'],
    ]);
  });
});

describe('the caseload per coach', () => {
  const started: CaseListItem = {
    caseId: 'case-open-1',
    status: 'intervention-open',
    closed: false,
    referrer: { organisation: 'council' },
    referredOn: '2026-09-01',
    startedOn: '2026-10-01',
    totalHours: 6.5,
    sessionCount: 4,
  };
  const assigned: CaseListItem = { caseId: 'case-new-22', status: 'coach-assigned', closed: false, referrer: { organisation: 'police' }, referredOn: '2026-11-01' };

  it('lists each coach’s cases with their hours and weeks against the guide, and active coaches with none', () => {
    const roster = [carrying('coach-a', ['case-open-1', 'case-new-22']), coach('coach-b'), coach('recruit', { status: 'recruited', trainedOn: undefined })];
    const caseload = caseloadOf(roster, [started, assigned], today);
    expect(caseload.map((each) => [each.volunteerId, each.loadInWords, each.cases.map((item) => item.reference)])).toEqual([
      ['coach-a', '2 of 5 interventions', ['case-ope', 'case-new']],
      ['coach-b', '0 of 5 interventions', []],
    ]);
    const [open, fresh] = caseload[0].cases;
    expect(open.progress).toMatchObject({ hours: 6.5, hoursJudgement: 'below', days: 52, weeksInWords: '7 weeks and 3 days', durationJudgement: 'below' });
    expect(fresh.summary).toBe(assigned);
    expect(fresh.progress).toBeUndefined();
  });

  it('keeps a coach who left while still carrying a case, and a case the list did not hold, by reference', () => {
    const roster = [carrying('gone', ['case-unlisted'], { status: 'left', leftOn: '2026-11-01' }), coach('gone-empty', { status: 'left', leftOn: '2026-11-01' })];
    const caseload = caseloadOf(roster, [], today);
    expect(caseload.map((each) => each.volunteerId)).toEqual(['gone']);
    expect(caseload[0].cases).toEqual([{ caseId: 'case-unlisted', reference: 'case-unl', summary: undefined, progress: undefined }]);
  });
});
