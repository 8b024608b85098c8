import fc from 'fast-check';
import { addDays } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { DateBeforePreviousStep, DateInFuture, DomainError } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  CaseAlreadyTaken,
  CaseNotCarried,
  CoachAtCapacity,
  CoachLeft,
  CoachNotHomeStart,
  CoachNotTrained,
  VolunteerCommand,
  VolunteerEvent,
  VolunteerNotFound,
  VolunteerState,
  coachFactsOf,
  isAvailableOn,
  openCaseCount,
  volunteerDecider,
} from '.';

const volunteerId = '7e3b9c1a-0000-4000-8000-000000000002';
const today = '2014-12-31';
const spec = DeciderSpecification.for(volunteerDecider);

const recruited = (organisation: 'home-start' | 'victim-support' = 'home-start'): VolunteerEvent => ({
  type: 'VolunteerRecruited',
  data: { volunteerId, organisation, recruitedOn: '2014-01-06' },
});
const trained = (trainedOn = '2014-01-20'): VolunteerEvent => ({ type: 'VolunteerTrained', data: { volunteerId, trainedOn } });
const left = (leftOn: string): VolunteerEvent => ({ type: 'VolunteerLeft', data: { volunteerId, leftOn } });
const taken = (caseId: string, takenOn: string): VolunteerEvent => ({ type: 'CoachingCaseTaken', data: { volunteerId, caseId, takenOn } });
const released = (caseId: string, releasedOn: string): VolunteerEvent => ({ type: 'CoachingCaseReleased', data: { volunteerId, caseId, releasedOn } });
const take = (caseId: string, takenOn: string): VolunteerCommand => ({ type: 'TakeCoachingCase', data: { volunteerId, caseId, takenOn, today } });
const release = (caseId: string, releasedOn: string): VolunteerCommand => ({ type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn, today } });

const coach = [recruited(), trained()];
const fiveTakenOn = (takenOn: string): VolunteerEvent[] => ['a', 'b', 'c', 'd', 'e'].map((caseId) => taken(`case-${caseId}`, takenOn));
const stateOf = (events: VolunteerEvent[]): VolunteerState => fold(volunteerDecider, events);

describe('a coach taking and releasing coaching cases', () => {
  it('takes a case and releases it', () => {
    spec
      .given(coach)
      .when(take('case-a', '2014-02-03'))
      .then([taken('case-a', '2014-02-03')]);
    spec
      .given([...coach, taken('case-a', '2014-02-03')])
      .when(release('case-a', '2014-04-28'))
      .then([released('case-a', '2014-04-28')]);
  });

  describe('who may take a case', () => {
    it('refuses a volunteer never recruited, as missing', () => spec.given([]).when(take('case-a', '2014-02-03')).thenThrows(VolunteerNotFound, 'volunteer-not-found'));

    it('refuses a Victim Support volunteer', () =>
      spec
        .given([recruited('victim-support'), trained()])
        .when(take('case-a', '2014-02-03'))
        .thenThrows(CoachNotHomeStart, 'coach-not-home-start'));

    it('refuses a volunteer not yet trained', () => spec.given([recruited()]).when(take('case-a', '2014-02-03')).thenThrows(CoachNotTrained, 'coach-not-trained'));

    it('takes a case on the training date and refuses one the day before', () => {
      spec
        .given(coach)
        .when(take('case-a', '2014-01-20'))
        .then([taken('case-a', '2014-01-20')]);
      spec.given(coach).when(take('case-a', '2014-01-19')).thenThrows(CoachNotTrained, 'coach-not-trained');
    });

    it('takes a case the day before the coach left and refuses one on the day', () => {
      spec
        .given([...coach, left('2014-03-31')])
        .when(take('case-a', '2014-03-30'))
        .then([taken('case-a', '2014-03-30')]);
      spec
        .given([...coach, left('2014-03-31')])
        .when(take('case-a', '2014-03-31'))
        .thenThrows(CoachLeft, 'coach-left');
    });

    it('refuses a case dated after today', () => spec.given(coach).when(take('case-a', '2015-01-01')).thenThrows(DateInFuture, 'date-in-future'));
  });

  describe('the same case twice', () => {
    it('refuses a case the coach already carries', () =>
      spec
        .given([...coach, taken('case-a', '2014-02-03')])
        .when(take('case-a', '2014-03-03'))
        .thenThrows(CaseAlreadyTaken, 'case-already-taken'));

    it('takes a released case again from its release date, not before', () => {
      const history = [...coach, taken('case-a', '2014-02-03'), released('case-a', '2014-03-03')];
      spec
        .given(history)
        .when(take('case-a', '2014-03-03'))
        .then([taken('case-a', '2014-03-03')]);
      spec.given(history).when(take('case-a', '2014-03-02')).thenThrows(CaseAlreadyTaken, 'case-already-taken');
    });
  });

  describe('capacity: at most five cases at once, by business dates', () => {
    it('takes a fifth case and refuses a sixth', () => {
      spec
        .given([...coach, ...fiveTakenOn('2014-02-03').slice(0, 4)])
        .when(take('case-e', '2014-02-03'))
        .then([taken('case-e', '2014-02-03')]);
      spec
        .given([...coach, ...fiveTakenOn('2014-02-03')])
        .when(take('case-f', '2014-03-03'))
        .thenThrows(CoachAtCapacity, 'coach-at-capacity');
    });

    it('takes a sixth case from the day one of the five is released', () => {
      const history = [...coach, ...fiveTakenOn('2014-02-03'), released('case-c', '2014-03-10')];
      spec
        .given(history)
        .when(take('case-f', '2014-03-10'))
        .then([taken('case-f', '2014-03-10')]);
      spec.given(history).when(take('case-f', '2014-03-09')).thenThrows(CoachAtCapacity, 'coach-at-capacity');
    });

    it('refuses a backdated case on a free date when the coach carries five from a later date', () =>
      spec
        .given([...coach, ...fiveTakenOn('2014-03-03')])
        .when(take('case-f', '2014-02-03'))
        .thenThrows(CoachAtCapacity, 'coach-at-capacity'));

    it('refuses a backdated case that would overlap a later date when five are carried', () => {
      const history = [...coach, ...fiveTakenOn('2014-03-03').slice(0, 4), taken('case-e', '2014-05-05')];
      spec.given(history).when(take('case-f', '2014-04-01')).thenThrows(CoachAtCapacity, 'coach-at-capacity');
      spec
        .given([...history, released('case-a', '2014-05-05')])
        .when(take('case-f', '2014-04-01'))
        .then([taken('case-f', '2014-04-01')]);
    });

    it('carries a case from the day it is taken until the day before its release', () => {
      const state = stateOf([...coach, taken('case-a', '2014-02-03'), taken('case-b', '2014-02-10'), released('case-a', '2014-03-03')]);
      expect([openCaseCount(state, '2014-02-02'), openCaseCount(state, '2014-02-03'), openCaseCount(state, '2014-02-10')]).toEqual([0, 1, 2]);
      expect([openCaseCount(state, '2014-03-02'), openCaseCount(state, '2014-03-03')]).toEqual([2, 1]);
      expect(openCaseCount(stateOf([]), '2014-02-03')).toBe(0);
    });
  });

  describe('releasing', () => {
    it('refuses to release a case the coach does not carry', () => {
      spec.given(coach).when(release('case-a', '2014-03-03')).thenThrows(CaseNotCarried, 'case-not-carried');
      spec
        .given([...coach, taken('case-a', '2014-02-03'), released('case-a', '2014-03-03')])
        .when(release('case-a', '2014-03-04'))
        .thenThrows(CaseNotCarried, 'case-not-carried');
    });

    it('releases on the day the case was taken and refuses the day before', () => {
      spec
        .given([...coach, taken('case-a', '2014-02-03')])
        .when(release('case-a', '2014-02-03'))
        .then([released('case-a', '2014-02-03')]);
      spec
        .given([...coach, taken('case-a', '2014-02-03')])
        .when(release('case-a', '2014-02-02'))
        .thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('releases a case after the coach left', () =>
      spec
        .given([...coach, taken('case-a', '2014-02-03'), left('2014-03-31')])
        .when(release('case-a', '2014-04-01'))
        .then([released('case-a', '2014-04-01')]));

    it('refuses a release dated after today', () =>
      spec
        .given([...coach, taken('case-a', '2014-02-03')])
        .when(release('case-a', '2015-01-01'))
        .thenThrows(DateInFuture, 'date-in-future'));

    it('refuses a release for a volunteer never recruited', () => spec.given([]).when(release('case-a', '2014-02-03')).thenThrows(VolunteerNotFound, 'volunteer-not-found'));
  });

  describe('availability', () => {
    it('is available from the training date until the day before leaving', () => {
      const state = stateOf([...coach, left('2014-03-31')]);
      expect(['2014-01-19', '2014-01-20', '2014-03-30', '2014-03-31'].map((date) => isAvailableOn(state, date))).toEqual([false, true, true, false]);
      expect(isAvailableOn(stateOf([recruited()]), '2014-03-01')).toBe(false);
      expect(isAvailableOn(stateOf([]), '2014-03-01')).toBe(false);
    });

    it('gives a case handler the facts it judges a coach by', () => {
      expect(coachFactsOf(stateOf([]))).toEqual({ exists: false });
      expect(coachFactsOf(stateOf([recruited()]))).toEqual({ exists: true, organisation: 'home-start' });
      expect(coachFactsOf(stateOf([...coach, left('2014-03-31')]))).toEqual({
        exists: true,
        organisation: 'home-start',
        trainedOn: '2014-01-20',
        leftOn: '2014-03-31',
      });
    });
  });

  it('never carries more than five cases on any date, refusing a case exactly when it would', () => {
    const days = 40;
    const dayOf = (index: number) => addDays('2014-02-01', index);
    const step = fc.record({
      kind: fc.constantFrom('take' as const, 'release' as const),
      caseId: fc.integer({ min: 1, max: 9 }).map((n) => `case-${n}`),
      day: fc.integer({ min: 0, max: days }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = stateOf(coach);
        const spells: { caseId: string; from: number; to?: number }[] = [];
        const carriedOn = (day: number) => spells.filter((spell) => spell.from <= day && (spell.to === undefined || day < spell.to)).length;
        for (const { kind, caseId, day } of steps) {
          let refusal: string | undefined;
          try {
            const command = kind === 'take' ? take(caseId, dayOf(day)) : release(caseId, dayOf(day));
            state = volunteerDecider.decide(command, state).reduce(volunteerDecider.evolve, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refusal = error.code;
          }
          if (kind === 'take') {
            const overlaps = spells.some((spell) => spell.caseId === caseId && (spell.to === undefined || spell.to > day));
            const full = Array.from({ length: days - day + 1 }, (_, offset) => carriedOn(day + offset)).some((count) => count + 1 > 5);
            expect(refusal).toBe(overlaps ? 'case-already-taken' : full ? 'coach-at-capacity' : undefined);
            if (refusal === undefined) spells.push({ caseId, from: day });
          } else {
            const open = spells.find((spell) => spell.caseId === caseId && spell.to === undefined);
            expect(refusal).toBe(open === undefined ? 'case-not-carried' : day < open.from ? 'date-before-previous-step' : undefined);
            if (open !== undefined && refusal === undefined) open.to = day;
          }
          for (let index = 0; index <= days; index += 1) {
            expect(openCaseCount(state, dayOf(index))).toBe(carriedOn(index));
            expect(openCaseCount(state, dayOf(index))).toBeLessThanOrEqual(5);
          }
        }
      }),
    );
  });
});
