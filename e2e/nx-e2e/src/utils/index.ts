/** Helpers of the e2e suites (see docs/testing.md). */
export * from './tmp';
export * from './run';
export * from './tools';
export * from './workspace';
export { e2eNxVersion, readVersions, REPO_ROOT } from '../../../../tools/setup/versions';
export * from '../../../../tools/fixtures/playground';
