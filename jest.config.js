/** One runner, three kinds of test: unit specs beside the code, integration specs against
 * real PostgreSQL, and end-to-end journeys in test/. One embedded server per run. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec|browser-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^@safer-cases/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@safer-cases/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@safer-cases/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@safer-cases/database(|/.*)$': '<rootDir>/libs/database/src$1',
    '^@safer-cases/testing(|/.*)$': '<rootDir>/test/support$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
