import { RjDueCase, rjDue } from './restorative-justice.due';

const today = '2026-12-02';

const rjCase = (caseId: string, fields: Partial<RjDueCase>): RjDueCase => ({ caseId, status: 'accepted', closed: false, ...fields });

describe('what is due on a restorative-justice coordinator’s cases', () => {
  it('names a panel held with no victim survey, with the panel’s date and how long ago it was', () => {
    expect(rjDue([rjCase('a', { status: 'panel-held', panelHeldOn: '2026-11-03' })], today)).toEqual([
      { caseId: 'a', due: 'Victim survey not taken', since: '2026-11-03', detail: 'panel held 3 November 2026 (29 days ago)' },
    ]);
  });

  it('names an outcome agreement reached and neither upheld nor breached', () => {
    const surveyed = rjCase('b', { status: 'agreement-reached', panelHeldOn: '2026-11-20', agreementReachedOn: '2026-11-20', surveyedOn: '2026-11-25' });
    expect(rjDue([surveyed], today)).toEqual([
      { caseId: 'b', due: 'Outcome agreement not yet upheld or breached', since: '2026-11-20', detail: 'agreement reached 20 November 2026 (12 days ago)' },
    ]);
  });

  it('names both when an agreement waits and the victim has not been surveyed', () => {
    const both = rjCase('c', { status: 'agreement-reached', panelHeldOn: '2026-12-01', agreementReachedOn: '2026-12-01' });
    expect(rjDue([both], today).map((item) => [item.due, item.detail])).toEqual([
      ['Victim survey not taken', 'panel held 1 December 2026 (yesterday)'],
      ['Outcome agreement not yet upheld or breached', 'agreement reached 1 December 2026 (yesterday)'],
    ]);
  });

  it('leaves out cases with nothing due: surveyed, upheld, breached, no panel yet, or closed', () => {
    const cases = [
      rjCase('referred', { status: 'referred' }),
      rjCase('accepted', {}),
      rjCase('surveyed', { status: 'panel-held', panelHeldOn: '2026-11-03', surveyedOn: '2026-11-10' }),
      rjCase('upheld', { status: 'agreement-upheld', panelHeldOn: '2026-10-03', agreementReachedOn: '2026-10-03', surveyedOn: '2026-10-10' }),
      rjCase('breached', { status: 'agreement-breached', panelHeldOn: '2026-10-03', agreementReachedOn: '2026-10-03', surveyedOn: '2026-10-10' }),
      rjCase('no agreement', { status: 'no-agreement', panelHeldOn: '2026-10-03', surveyedOn: '2026-10-10' }),
      rjCase('closed', { status: 'panel-held', panelHeldOn: '2026-10-03', closed: true }),
    ];
    expect(rjDue(cases, today)).toEqual([]);
  });

  it('still asks for the survey after no agreement, or once the agreement was upheld', () => {
    const cases = [
      rjCase('upheld', { status: 'agreement-upheld', panelHeldOn: '2026-10-03', agreementReachedOn: '2026-10-03' }),
      rjCase('no agreement', { status: 'no-agreement', panelHeldOn: '2026-10-05' }),
    ];
    expect(rjDue(cases, today).map((item) => [item.caseId, item.due])).toEqual([
      ['upheld', 'Victim survey not taken'],
      ['no agreement', 'Victim survey not taken'],
    ]);
  });

  it('lists the oldest wait first, across both kinds', () => {
    const cases = [
      rjCase('new panel', { status: 'panel-held', panelHeldOn: '2026-11-30' }),
      rjCase('old agreement', { status: 'agreement-reached', panelHeldOn: '2026-09-01', agreementReachedOn: '2026-09-01', surveyedOn: '2026-09-05' }),
      rjCase('mid panel', { status: 'panel-held', panelHeldOn: '2026-10-15' }),
    ];
    expect(rjDue(cases, today).map((item) => item.caseId)).toEqual(['old agreement', 'mid panel', 'new panel']);
  });
});
