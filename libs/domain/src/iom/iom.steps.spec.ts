import { CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { IomEvent, iomDecider, IomStep, iomStepProbes, iomSteps } from '.';
import { adopted, assigned, closed, convicted, left, referred, today } from './iom.fixtures';

/**
 * The steps the IOM decider takes today, each tried as its probe command: what `allowedSteps`
 * will offer once the case decider knows IOM cases.
 */
const allowed = (events: IomEvent[], on: CalendarDate): IomStep[] => {
  const state = fold(iomDecider, events);
  if (state.status === 'none') return [];
  return iomSteps.filter((step) => {
    try {
      iomDecider.decide(iomStepProbes[step](state, on), state);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  });
};

const offered: [string, IomEvent[], IomStep[]][] = [
  ['referred', [referred], ['adoption', 'comparison', 'conviction', 'arrest', 'close']],
  ['referred, a baseline conviction entered', [referred, convicted('2013-05-14', '2013-07-02')], ['adoption', 'comparison', 'conviction', 'arrest', 'close']],
  ['adopted', [referred, adopted], ['exit', 'conviction', 'arrest', 'close']],
  ['in the comparison group', [referred, assigned], ['exit', 'conviction', 'arrest', 'close']],
  ['left', [referred, adopted, left()], ['conviction', 'arrest', 'close']],
  ['closed when referred', [referred, closed('2014-03-03')], ['conviction', 'arrest']],
  ['closed after leaving', [referred, assigned, left(), closed()], ['conviction', 'arrest']],
];

describe('the steps an IOM case allows', () => {
  it.each(offered)('allows, when %s, the steps its rules take', (_name, events, steps) => {
    expect(allowed(events, today)).toEqual(steps);
  });

  it('allows leaving on the day of adoption', () => {
    const adoptedToday: IomEvent = { type: 'CohortMemberAdopted', data: { caseId: referred.data.caseId, adoptedOn: today } };
    expect(allowed([referred, adoptedToday], today)).toEqual(['exit', 'conviction', 'arrest', 'close']);
  });

  it('allows nothing before a referral', () => expect(allowed([], today)).toEqual([]));
});
