/**
 * Unit tests of the plugin: pure model functions with fixtures, executors with fake clients; and
 * the repository's own lint rule (tools/eslint: the layers of packages/nx/src).
 */
const { join } = require('node:path');

module.exports = {
  displayName: 'nx',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/src', join(__dirname, '../../tools/eslint')],
  testMatch: ['<rootDir>/src/**/*.spec.ts', join(__dirname, '../../tools/eslint/*.spec.ts')],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
