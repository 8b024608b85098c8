import { CaseEvent, EntryNotFound, StrikeLatestStepFirst } from '@safer-cases/domain';
import { CaseHistoryEntry } from '../cases/case-reader';
import { carriedFields, closeWarning, confirmed, entryName, mayStrike, reoffenceWarning, strikeOutWarning, timelineOf } from './corrections';

const caseId = '5b0c7e9a-0000-4000-8000-000000000001';
const today = '2015-12-31';

const referred: CaseEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'restorative-justice', referredOn: '2015-11-02', referrer: { organisation: 'police' }, personId: '5b0c7e9a-0000-4000-8000-0000000000a1' },
};
const accepted: CaseEvent = { type: 'ReferralAccepted', data: { caseId, acceptedOn: '2015-11-05' } };
const panel: CaseEvent = { type: 'PanelHeld', data: { caseId, heldOn: '2015-11-20', facilitatorIds: ['5b0c7e9a-0000-4000-8000-0000000000f1'], victimAttended: true } };
const reoffence: CaseEvent = { type: 'ReoffenceRecorded', data: { caseId, offenceDate: '2015-12-01' } };
const closed: CaseEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2015-12-10' } };

/** A history as CaseQueries.get gives it: each event at its revision, dated as the reader dates it. */
const historyOf = (...events: CaseEvent[]): CaseHistoryEntry[] =>
  events.map((event, revision) => {
    const date = Object.entries(event.data).find(([key, value]) => (key === 'on' || key.endsWith('On') || key === 'offenceDate') && typeof value === 'string')?.[1];
    return {
      revision,
      type: event.type,
      ...(typeof date === 'string' ? { date } : {}),
      recordedAt: '2015-12-30T10:00:00.000Z',
      recordedBy: 'rj-coordinator',
      position: String(revision + 1),
      data: event.data as Record<string, unknown>,
    };
  });

describe('corrections on the pages', () => {
  describe('what striking out an entry will change', () => {
    it('says the panel goes, the case goes back to Accepted, and the panel no longer counts towards its target', () => {
      const view = { caseId, history: historyOf(referred, accepted, panel) };
      expect(strikeOutWarning(view, 2, today)).toBe(
        'The panel held on 20 November 2015 will be struck out: the case goes back to Accepted, and the panel no longer counts towards the panels target or in the victim survey figures.',
      );
    });

    it('says a struck reoffence leaves the status as it is and leaves the reoffending figures', () => {
      const view = { caseId, history: historyOf(referred, accepted, reoffence) };
      expect(strikeOutWarning(view, 2, today)).toBe(
        'The reoffence committed on 1 December 2015 will be struck out: the case stays Accepted, and it no longer counts in the reoffending figures.',
      );
    });

    it('says a struck closure opens the case again, at the status it had', () => {
      const view = { caseId, history: historyOf(referred, accepted, closed) };
      expect(strikeOutWarning(view, 2, today)).toBe('The closure of the case on 10 December 2015 will be struck out: the case is open again, with the status Accepted.');
    });

    it('refuses, as the rules do, an entry that is not the latest step or that the case does not hold', () => {
      const view = { caseId, history: historyOf(referred, accepted, panel) };
      expect(() => strikeOutWarning(view, 1, today)).toThrow(StrikeLatestStepFirst);
      expect(() => strikeOutWarning(view, 7, today)).toThrow(EntryNotFound);
    });
  });

  it('names entries as a sentence reads them', () => {
    const [, , held, reoffended] = historyOf(referred, accepted, panel, reoffence);
    expect(entryName(held)).toBe('the panel held on 20 November 2015');
    expect(entryName(reoffended)).toBe('the reoffence committed on 1 December 2015');
    expect(entryName({ type: 'CourseBooked', data: { courseId: 'c', courseDate: '2015-12-03' } })).toBe('the booking on the course of 3 December 2015');
  });

  it('lets strike out only whoever may record that kind of entry', () => {
    expect(mayStrike('referrer', 'ReoffenceRecorded')).toBe(true);
    expect(mayStrike('rj-coordinator', 'ReoffenceRecorded')).toBe(false);
    expect(mayStrike('rj-coordinator', 'PanelHeld')).toBe(true);
    expect(mayStrike('referrer', 'PanelHeld')).toBe(false);
    expect(mayStrike('caution-officer', 'PanelHeld')).toBe(false);
    expect(mayStrike('commissioner', 'CaseClosed')).toBe(false);
    expect(mayStrike('rj-coordinator', 'NoSuchEvent')).toBe(false);
  });

  describe('the timeline', () => {
    const path = (revision: number) => `/restorative-justice/cases/${caseId}/strike-out/${revision}`;

    it('links Strike out beside the entries the rules allow and the user may strike, and nowhere else', () => {
      const view = { history: historyOf(referred, accepted, panel, reoffence), strikeable: [2, 3] };
      const coordinator = timelineOf(view, 'rj-coordinator', path);
      expect(coordinator.map((entry) => entry.strikeHref)).toEqual([undefined, undefined, path(2), undefined]);
      expect(coordinator[2].strikeLabel).toBe('panel held, 20 November 2015');
      expect(timelineOf(view, 'referrer', path).map((entry) => entry.strikeHref)).toEqual([undefined, undefined, undefined, path(3)]);
    });

    it('names what a strike struck and why, dated when it was recorded', () => {
      const strike: CaseEvent = { type: 'EntryStruckOut', data: { caseId, revision: 2, reason: 'Recorded on the wrong case' } };
      const history = historyOf(referred, accepted, panel, strike);
      history[2] = { ...history[2], struckOut: { revision: 3, reason: 'Recorded on the wrong case', recordedAt: '2015-12-30T11:00:00.000Z', recordedBy: 'rj-coordinator' } };
      // As the reader gives it: a struck entry is never among those that may be struck.
      const timeline = timelineOf({ history, strikeable: [1] }, 'rj-coordinator', path);
      expect(timeline[3]).toMatchObject({ name: 'Entry struck out', date: '2015-12-30', details: 'The panel held on 20 November 2015. Reason: Recorded on the wrong case' });
      expect(timeline[2].strikeHref).toBeUndefined();
      expect(timeline[1].strikeHref).toBe(path(1));
    });
  });

  it('says what closing means, and that a coaching case’s coach is freed', () => {
    expect(closeWarning({ programme: 'restorative-justice', status: 'accepted' }, '2015-12-10')).toBe(
      'The case will be closed on 10 December 2015: no further step can be recorded on it, only a reoffence, which the referrer records. If it is closed by mistake, it can be reopened from its page.',
    );
    expect(closeWarning({ programme: 'community-coaching', status: 'intervention-open' }, '2015-12-10')).toContain('Its coach is freed of it.');
    expect(closeWarning({ programme: 'community-coaching', status: 'completed' }, '2015-12-10')).not.toContain('coach');
  });

  it('says a reoffence counts in the reoffending figures and can be struck out', () => {
    expect(reoffenceWarning('2015-12-01')).toMatch(
      /^A reoffence committed on 1 December 2015 will be added .* reoffending figures\. If it is recorded in error, you can strike it out/,
    );
  });

  it('carries on only the form’s own fields, as typed, and sends only a confirmed form', () => {
    const form = { 'closedOn-day': '10', 'closedOn-month': '12', 'closedOn-year': '2015', closeReason: ' moved ', _csrf: 'token', smuggled: 'x' };
    expect(carriedFields(form, ['closedOn-day', 'closedOn-month', 'closedOn-year', 'closeReason'])).toEqual([
      { name: 'closedOn-day', value: '10' },
      { name: 'closedOn-month', value: '12' },
      { name: 'closedOn-year', value: '2015' },
      { name: 'closeReason', value: ' moved ' },
    ]);
    expect(carriedFields({}, ['closeReason'])).toEqual([]);
    expect(confirmed({ confirmed: 'yes' })).toBe(true);
    expect(confirmed({ confirmed: 'no' })).toBe(false);
    expect(confirmed({})).toBe(false);
  });
});
