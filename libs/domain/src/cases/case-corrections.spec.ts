import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { addDays } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { CaseNotFound, DateBeforePreviousStep, DateInFuture, DomainError } from '../shared/domain-error';
import { allowedSteps } from './allowed-steps';
import { CaseNotClosed, EntryAlreadyStruck, EntryCannotBeStruck, EntryNotFound, ReferralCannotBeStruck, StrikeLatestStepFirst } from './case.errors';
import { corrections, programmeStateOf, spec } from './case-corrections.fixtures';
import { caseDecider, caseFactsOf } from './case-decider';
import { entryAt, standingEntries } from './case-history';
import { CaseEvent } from './case-programmes';

const { strikeOut, struckOut, reopen, reopened } = corrections(rj.caseId, rj.today);

const reoffence: CaseEvent = { type: 'ReoffenceRecorded', data: { caseId: rj.caseId, offenceDate: rj.on.panel } };
const refusalOf = (events: CaseEvent[], revision: number): DomainError => {
  try {
    caseDecider.decide(strikeOut(revision), fold(caseDecider, events));
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error(`striking revision ${revision} was not refused`);
};

describe('correcting a restorative-justice case', () => {
  describe('striking out a step', () => {
    it('strikes a panel recorded in error, after which the case stands as if it had never been held', () => {
      spec
        .given([rj.referred, rj.accepted, rj.panelHeld])
        .when(strikeOut(2))
        .then([struckOut(2)]);
      const struck = [rj.referred, rj.accepted, rj.panelHeld, struckOut(2)];
      expect(programmeStateOf(struck)).toEqual(programmeStateOf([rj.referred, rj.accepted]));
      expect(allowedSteps(fold(caseDecider, struck), rj.today)).toEqual(['panel', 'close', 'reoffence']);
      spec.given(struck).when(rj.holdPanel()).then([rj.panelHeld]);
    });

    it('strikes the latest step and then the one before it', () => {
      spec
        .given([rj.referred, rj.accepted, rj.panelHeld, struckOut(2)])
        .when(strikeOut(1))
        .then([struckOut(1)]);
      const both = [rj.referred, rj.accepted, rj.panelHeld, struckOut(2), struckOut(1)];
      expect(programmeStateOf(both)).toEqual(programmeStateOf([rj.referred]));
      expect(allowedSteps(fold(caseDecider, both), rj.today)).toEqual(['accept', 'decline', 'close', 'reoffence']);
    });

    it('refuses a step that is not the latest standing one, naming the latest', () => {
      spec.given([rj.referred, rj.accepted, rj.panelHeld]).when(strikeOut(1)).thenThrows(StrikeLatestStepFirst, 'strike-latest-step-first');
      expect(refusalOf([rj.referred, rj.accepted, rj.panelHeld], 1).message).toContain('the latest is revision 2 (PanelHeld)');
    });

    it('takes the victim survey as a step of the lifecycle, struck before the panel it follows', () => {
      const surveyed = [rj.referred, rj.accepted, rj.panelHeld, rj.surveyed];
      expect(refusalOf(surveyed, 2)).toBeInstanceOf(StrikeLatestStepFirst);
      spec
        .given(surveyed)
        .when(strikeOut(3))
        .then([struckOut(3)]);
      spec
        .given([...surveyed, struckOut(3)])
        .when(strikeOut(2))
        .then([struckOut(2)]);
    });

    it('strikes a closure, which leaves the case open as before it', () => {
      spec
        .given([rj.referred, rj.accepted, rj.closed])
        .when(strikeOut(2))
        .then([struckOut(2)]);
      const struck = fold(caseDecider, [rj.referred, rj.accepted, rj.closed, struckOut(2)]);
      expect(caseFactsOf(struck)?.closed).toBe(false);
      expect(allowedSteps(struck, rj.today)).toEqual(['panel', 'close', 'reoffence']);
    });

    it('keeps the reason on the struck entry, beside the revision that struck it', () => {
      const state = fold(caseDecider, [rj.referred, rj.accepted, rj.panelHeld, struckOut(2, 'wrong case')]);
      expect(entryAt(state, 2)).toEqual({ revision: 2, event: rj.panelHeld, struckOut: { revision: 3, reason: 'wrong case' } });
      expect(entryAt(state, 3)).toEqual({ revision: 3, event: struckOut(2, 'wrong case') });
    });

    it('counts every event in the revisions, strikes among them', () => {
      const heldAgain = [rj.referred, rj.accepted, rj.panelHeld, struckOut(2), rj.panelHeld];
      spec
        .given(heldAgain)
        .when(strikeOut(4))
        .then([struckOut(4)]);
      expect(refusalOf(heldAgain, 2)).toBeInstanceOf(EntryAlreadyStruck);
      expect(programmeStateOf([...heldAgain, struckOut(4)])).toEqual(programmeStateOf([rj.referred, rj.accepted]));
    });
  });

  describe('striking out a fact outside the lifecycle', () => {
    it('strikes a reoffence in any order, leaving the steps after it standing', () => {
      const history = [rj.referred, rj.accepted, reoffence, rj.panelHeld, rj.agreementReached];
      spec
        .given(history)
        .when(strikeOut(2))
        .then([struckOut(2)]);
      const state = fold(caseDecider, [...history, struckOut(2)]);
      expect(standingEntries(state).map((entry) => entry.revision)).toEqual([0, 1, 3, 4, 5]);
      expect(entryAt(state, 2)?.struckOut).toEqual({ revision: 5, reason: 'recorded in error' });
      expect(allowedSteps(state, rj.today)).toEqual(allowedSteps(fold(caseDecider, history), rj.today));
    });

    it('strikes a reoffence recorded on a closed case', () =>
      spec
        .given([rj.referred, rj.closed, reoffence])
        .when(strikeOut(2))
        .then([struckOut(2)]));
  });

  describe('what is never struck', () => {
    it('refuses the referral: a case referred in error is closed', () =>
      spec.given([rj.referred, rj.accepted]).when(strikeOut(0)).thenThrows(ReferralCannotBeStruck, 'referral-cannot-be-struck'));

    it('refuses an entry already struck', () =>
      spec
        .given([rj.referred, rj.accepted, reoffence, struckOut(2)])
        .when(strikeOut(2))
        .thenThrows(EntryAlreadyStruck, 'entry-already-struck'));

    it('refuses a strike itself, and a reopening', () => {
      spec
        .given([rj.referred, rj.accepted, rj.panelHeld, struckOut(2)])
        .when(strikeOut(3))
        .thenThrows(EntryCannotBeStruck, 'entry-cannot-be-struck');
      spec
        .given([rj.referred, rj.closed, reopened(rj.on.closed)])
        .when(strikeOut(2))
        .thenThrows(EntryCannotBeStruck, 'entry-cannot-be-struck');
    });

    it.each([3, 4, -1, 1.5])('refuses revision %p, which the stream does not hold, as not found', (revision) => {
      spec.given([rj.referred, rj.accepted, rj.panelHeld]).when(strikeOut(revision)).thenThrows(EntryNotFound, 'entry-not-found');
      expect(refusalOf([rj.referred, rj.accepted, rj.panelHeld], revision).kind).toBe('not-found');
    });

    it('refuses a strike on a case never referred', () => spec.given([]).when(strikeOut(0)).thenThrows(CaseNotFound, 'case-not-found'));
  });

  describe('reopening', () => {
    const closedCase = [rj.referred, rj.accepted, rj.closed];
    const reopenedOn = '2014-09-01';

    it('reopens a closed case, which takes steps again as before its closure', () => {
      spec
        .given(closedCase)
        .when(reopen(reopenedOn))
        .then([reopened(reopenedOn)]);
      const state = fold(caseDecider, [...closedCase, reopened(reopenedOn)]);
      expect(caseFactsOf(state)).toMatchObject({ closed: false, status: 'accepted', lastStepOn: reopenedOn });
      expect(allowedSteps(state, rj.today)).toEqual(allowedSteps(fold(caseDecider, [rj.referred, rj.accepted]), rj.today));
      spec
        .given([...closedCase, reopened(reopenedOn)])
        .when(rj.holdPanel({ heldOn: '2014-09-10' }))
        .then([{ type: 'PanelHeld', data: { caseId: rj.caseId, heldOn: '2014-09-10', facilitatorIds: [rj.facilitatorA, rj.facilitatorB], victimAttended: true } }]);
    });

    it('refuses a step dated before the reopening', () =>
      spec
        .given([...closedCase, reopened(reopenedOn)])
        .when(rj.holdPanel({ heldOn: '2014-08-20' }))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step'));

    it('reopens on the day of the closure, and not before it', () => {
      spec
        .given(closedCase)
        .when(reopen(rj.on.closed))
        .then([reopened(rj.on.closed)]);
      spec
        .given(closedCase)
        .when(reopen(addDays(rj.on.closed, -1)))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses a reopening dated after today', () =>
      spec
        .given(closedCase)
        .when(reopen(addDays(rj.today, 1)))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('refuses to reopen a case that is not closed, or whose closure was struck', () => {
      spec.given([rj.referred, rj.accepted]).when(reopen(reopenedOn)).thenThrows(CaseNotClosed, 'case-not-closed');
      spec
        .given([...closedCase, struckOut(2)])
        .when(reopen(reopenedOn))
        .thenThrows(CaseNotClosed, 'case-not-closed');
    });

    it('closes a reopened case again, and then reopens it no earlier than the second closure', () => {
      const closedAgain: CaseEvent[] = [...closedCase, reopened(reopenedOn), { type: 'CaseClosed', data: { caseId: rj.caseId, closedOn: '2014-10-01' } }];
      spec
        .given([...closedCase, reopened(reopenedOn)])
        .when(rj.close('2014-10-01'))
        .then([closedAgain[4]]);
      spec.given(closedAgain).when(reopen('2014-09-15')).thenThrows(DateBeforePreviousStep);
      spec
        .given(closedAgain)
        .when(reopen('2014-10-01'))
        .then([reopened('2014-10-01')]);
    });

    it('keeps the closure behind a reopening: it is no longer the latest step', () => {
      spec
        .given([...closedCase, reopened(reopenedOn)])
        .when(strikeOut(2))
        .thenThrows(StrikeLatestStepFirst, 'strike-latest-step-first');
      expect(refusalOf([...closedCase, reopened(reopenedOn)], 2).message).toContain('the latest is revision 3 (CaseReopened)');
    });
  });
});
