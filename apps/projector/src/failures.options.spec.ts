import { failuresCommandOf } from './failures.options';

const readModels = ['case-facts', 'case-summaries'];

describe('the projections:failures, :retry and :skip command line', () => {
  it('lists, retries a named read model, and skips the event it is stopped at with who and why', () => {
    expect(failuresCommandOf(['list'], readModels)).toEqual({ kind: 'list' });
    expect(failuresCommandOf(['retry', 'case-facts'], readModels)).toEqual({ kind: 'retry', projection: 'case-facts' });
    expect(failuresCommandOf(['skip', 'case-summaries', '1234', '--by', 'ops.lead', '--reason', 'written by the date bug'], readModels)).toEqual({
      kind: 'skip',
      projection: 'case-summaries',
      position: 1234n,
      by: 'ops.lead',
      reason: 'written by the date bug',
    });
  });

  it.each([
    [['retry'], 'Name the read model: one of case-facts, case-summaries'],
    [['retry', 'case-sumaries'], 'There is no read model called case-sumaries'],
    [['skip', 'case-facts', '12x', '--by', 'a', '--reason', 'b'], 'Give the position of the event to skip'],
    [['skip', 'case-facts', '12', '--by', 'ops.lead'], 'Say who decided (--by) and why (--reason)'],
    [['skip', 'case-facts', '12', '--by', ' ', '--reason', 'because'], 'Say who decided (--by) and why (--reason)'],
    [['list', 'case-facts'], 'Unexpected case-facts'],
    [['mend'], 'Say list, retry or skip'],
  ])('refuses %j, saying what is wrong', (args, message) => {
    expect(() => failuresCommandOf(args, readModels)).toThrow(message);
  });
});
