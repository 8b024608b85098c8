import * as rj from '../restorative-justice/restorative-justice.fixtures';
import { restorativeJusticeSteps } from '../restorative-justice/restorative-justice.steps';
import { fold } from '../shared/decider';
import { allowedSteps } from './allowed-steps';
import { caseDecider } from './case-decider';

describe('the steps a case allows', () => {
  afterEach(() => jest.restoreAllMocks());

  it('allows none before a referral', () => expect(allowedSteps(caseDecider.initialState(), rj.today)).toEqual([]));

  it('asks the case’s decider once for each of its programme’s steps, dated today', () => {
    const decide = jest.spyOn(caseDecider, 'decide');
    allowedSteps(fold(caseDecider, [rj.referred]), rj.today);
    expect(decide).toHaveBeenCalledTimes(restorativeJusticeSteps.length);
    expect(decide.mock.calls.map(([command]) => command.data.today)).toEqual(restorativeJusticeSteps.map(() => rj.today));
  });

  it('lets a failure that is not a broken rule through, rather than hide the step', () => {
    jest.spyOn(caseDecider, 'decide').mockImplementation(() => {
      throw new TypeError('a fault in the rules');
    });
    expect(() => allowedSteps(fold(caseDecider, [rj.referred]), rj.today)).toThrow(TypeError);
  });
});
