/**
 * E2E suites of @mlws/nx: real Nx, real git, real uv (and Docker where available) in temp dirs.
 *
 * Two jest projects so a suite only pays for the setup it needs (jest runs a project's
 * globalSetup only when at least one of its test files is selected):
 *   - fixtures:  src/fixtures/**   — the playground fixture itself; no registry, no Nx.
 *   - workspace: everything else  — globalSetup builds the plugin, starts verdaccio, publishes
 *                                   @mlws/nx and creates the template workspace once.
 *
 *   npx jest -c e2e/nx-e2e/jest.config.cjs --runInBand               # all
 *   npx jest -c e2e/nx-e2e/jest.config.cjs --runInBand smoke         # one suite (path regex)
 */
const common = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/src/setup/environment.cjs',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'fixtures',
      testMatch: ['<rootDir>/src/fixtures/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'workspace',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/fixtures/'],
      globalSetup: '<rootDir>/src/setup/global-setup.ts',
      globalTeardown: '<rootDir>/src/setup/global-teardown.ts',
    },
  ],
  // Real processes: generous per-test timeout; suites override with jest.setTimeout if needed.
  testTimeout: 5 * 60 * 1000,
  slowTestThreshold: 60,
  verbose: true,
};
