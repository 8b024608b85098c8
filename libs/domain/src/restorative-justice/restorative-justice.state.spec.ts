import { fold } from '../shared/decider';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import { accepted, agreementReached, breached, closed, declined, noAgreement, on, panelHeld, personId, referred, surveyed, upheld } from './restorative-justice.fixtures';
import { isRestorativeJusticeCompleted, personIdOf } from './restorative-justice.state';
import { restorativeJusticeDecider } from '.';

const stateOf = (events: RestorativeJusticeEvent[]) => fold(restorativeJusticeDecider, events);

describe('restorative justice state', () => {
  it.each([
    ['referred', [referred], false],
    ['declined', [referred, declined], false],
    ['accepted', [referred, accepted], false],
    ['with its panel held', [referred, accepted, panelHeld], false],
    ['with no agreement reached', [referred, accepted, panelHeld, noAgreement], false],
    ['with an outcome agreement reached', [referred, accepted, panelHeld, agreementReached], true],
    ['with the agreement upheld', [referred, accepted, panelHeld, agreementReached, upheld], true],
    ['with the agreement breached, which was still reached', [referred, accepted, panelHeld, agreementReached, breached], true],
  ])('counts a case %s as completed: %s', (_, events, completed) => {
    expect(isRestorativeJusticeCompleted(stateOf(events))).toBe(completed);
  });

  it('knows the person once referred, and no one before', () => {
    expect(personIdOf(stateOf([]))).toBeUndefined();
    expect(personIdOf(stateOf([referred, accepted]))).toBe(personId);
  });

  it('keeps the status on closure, marking the case closed', () => {
    expect(stateOf([referred, accepted, panelHeld, agreementReached, upheld, closed])).toMatchObject({ status: 'agreement-upheld', closed: true });
    expect(isRestorativeJusticeCompleted(stateOf([referred, accepted, panelHeld, agreementReached, closed]))).toBe(true);
  });

  it('keeps the main chain date when the survey comes later', () => {
    expect(stateOf([referred, accepted, panelHeld, agreementReached, surveyed])).toMatchObject({
      lastStepOn: on.agreement,
      surveyedOn: on.surveyed,
    });
  });

  it('ignores an event that cannot follow the current status, never throwing', () => {
    expect(stateOf([panelHeld])).toEqual({ status: 'none' });
    expect(stateOf([referred, panelHeld, upheld])).toMatchObject({ status: 'referred' });
    expect(stateOf([referred, accepted, referred])).toMatchObject({ status: 'accepted' });
  });
});
