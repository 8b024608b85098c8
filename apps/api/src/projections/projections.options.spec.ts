import { projectionsOptionsFromEnvironment } from './projections.options';

describe('RUN_PROJECTIONS', () => {
  it('runs the projections in the API unless told otherwise', () => {
    expect(projectionsOptionsFromEnvironment({}).run).toBe(true);
    expect(projectionsOptionsFromEnvironment({ RUN_PROJECTIONS: 'true' }).run).toBe(true);
  });

  it('leaves them to the projector process when false', () => {
    expect(projectionsOptionsFromEnvironment({ RUN_PROJECTIONS: 'false' }).run).toBe(false);
  });

  it('refuses anything else rather than guess', () => {
    expect(() => projectionsOptionsFromEnvironment({ RUN_PROJECTIONS: 'no' })).toThrow('RUN_PROJECTIONS must be "true" or "false", not "no"');
  });

  it('waits five seconds for a read-your-writes GET', () => {
    expect(projectionsOptionsFromEnvironment({}).readYourWritesTimeoutMs).toBe(5000);
  });
});
