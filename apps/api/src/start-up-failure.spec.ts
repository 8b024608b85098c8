import { EmbeddedPostgresFailure } from '@safer-cases/database';
import { describeStartUpFailure } from './start-up-failure';

describe('the message printed when the app cannot start', () => {
  it('shows a failure worded for whoever runs the app as it is, without a stack', () => {
    expect(describeStartUpFailure(new EmbeddedPostgresFailure('The database folder /x is in use by process 7: stop that first.'))).toBe(
      'The database folder /x is in use by process 7: stop that first.',
    );
  });

  it('shows any other error with its stack', () => {
    expect(describeStartUpFailure(new Error('disk full'))).toMatch(/^Error: disk full\n\s+at /);
  });

  it('never prints "undefined" for a rejection without a value', () => {
    expect(describeStartUpFailure(undefined)).toBe('something failed without saying why (it gave no error)');
  });

  it('prints a value that is not an error as it is', () => {
    expect(describeStartUpFailure({ code: 'EACCES' })).toBe('{"code":"EACCES"}');
  });
});
