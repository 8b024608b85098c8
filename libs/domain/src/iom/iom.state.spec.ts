import fc from 'fast-check';
import { fold } from '../shared/decider';
import { IomEvent, iomDecider, iomMemberRecordOf, isIomMember } from '.';
import { adopted, arrested, assigned, closed, convicted, left, on, personId, referred } from './iom.fixtures';

const stateOf = (events: IomEvent[]) => fold(iomDecider, events);

describe('integrated offender management state', () => {
  it.each([
    ['referred', [referred], 'referred', undefined],
    ['adopted', [referred, adopted], 'cohort-member', 'cohort'],
    ['in the comparison group', [referred, assigned], 'comparison-member', 'comparison'],
    ['left the cohort', [referred, adopted, left()], 'left', 'cohort'],
    ['left the comparison group', [referred, assigned, left()], 'left', 'comparison'],
  ])('knows a case %s by its status and group', (_, events, status, group) => {
    const state = stateOf(events);
    expect(state.status).toBe(status);
    expect(isIomMember(state) ? state.group : undefined).toBe(group);
  });

  it('keeps convictions and arrests in any state, without moving the lifecycle date', () => {
    const state = stateOf([referred, convicted(on.baselineOffence, on.baselineConviction), adopted, arrested(), left(), convicted(), closed()]);
    expect(state).toMatchObject({
      personId,
      lastStepOn: on.left,
      closed: true,
      convictions: [
        { offenceDate: on.baselineOffence, convictedOn: on.baselineConviction },
        { offenceDate: on.offence, convictedOn: on.convicted },
      ],
      arrests: [{ arrestedOn: on.arrested }],
    });
  });

  it('ignores an event that cannot follow the current status, never throwing', () => {
    expect(stateOf([adopted])).toEqual({ status: 'none' });
    expect(stateOf([convicted(), closed()])).toEqual({ status: 'none' });
    expect(stateOf([referred, left()])).toMatchObject({ status: 'referred', lastStepOn: on.referred });
    expect(stateOf([referred, assigned, adopted])).toMatchObject({ status: 'comparison-member', group: 'comparison' });
    expect(stateOf([referred, adopted, left('custody'), left('deceased', '2014-11-01')])).toMatchObject({ leftOn: on.left, leavingReason: 'custody' });
    expect(stateOf([referred, adopted, referred])).toMatchObject({ status: 'cohort-member' });
  });

  it('folds any sequence of events without throwing: events before the referral change nothing, and every later conviction and arrest is kept', () => {
    const events = fc.constantFrom<IomEvent>(referred, adopted, assigned, left(), convicted(), arrested(), closed());
    fc.assert(
      fc.property(fc.array(events, { maxLength: 20 }), (history) => {
        const start = history.indexOf(referred);
        if (start === -1) {
          expect(stateOf(history)).toEqual({ status: 'none' });
          return;
        }
        const fromReferral = history.slice(start);
        const state = stateOf(history);
        expect(state).toEqual(stateOf(fromReferral));
        expect(state).toMatchObject({
          convictions: fromReferral.filter((event) => event.type === 'ConvictionRecorded').map(() => ({ offenceDate: on.offence, convictedOn: on.convicted })),
          arrests: fromReferral.filter((event) => event.type === 'ArrestRecorded').map(() => ({ arrestedOn: on.arrested })),
        });
      }),
    );
  });

  it('gives the measures a member once they join, with their leaving date once they leave', () => {
    expect(iomMemberRecordOf(stateOf([referred, convicted()]))).toBeUndefined();
    expect(iomMemberRecordOf(stateOf([referred, adopted, arrested()]))).toEqual({ group: 'cohort', joinedOn: on.joined, convictions: [], arrests: [{ arrestedOn: on.arrested }] });
    expect(iomMemberRecordOf(stateOf([referred, convicted(), assigned, left()]))).toEqual({
      group: 'comparison',
      joinedOn: on.joined,
      leftOn: on.left,
      convictions: [{ offenceDate: on.offence, convictedOn: on.convicted }],
      arrests: [],
    });
  });
});
