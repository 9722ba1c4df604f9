const path = require('node:path');
const nx = require('@nx/eslint-plugin');
const prettier = require('eslint-config-prettier');
const layerImports = require('./tools/eslint/layer-imports.cjs');

/**
 * The layers of packages/nx/src, bottom first (docs/ARCHITECTURE.md): a file imports only from its
 * own layer or below. `isolated`: the directories of that layer never import each other.
 */
const LAYERS = [
  { dirs: ['vendor', 'toml'] },
  { dirs: ['model'] },
  { dirs: ['process', 'fs'] },
  { dirs: ['git', 'uv', 'docker', 'github', 'sync'], isolated: true },
  { dirs: ['clients'] },
  { dirs: ['plan'] },
  { dirs: ['plugin'] },
  { dirs: ['release'] },
  { dirs: ['generators'] },
  { dirs: ['executors'] },
  { dirs: [], files: ['index'] },
];

/**
 * Imports allowed to break the layers, each with the change that removes it: none. Keep it empty;
 * an entry is a debt with its reason ({ from, to, why }).
 */
const KNOWN_VIOLATIONS = [];

const LAYER_OPTIONS = {
  root: path.join(__dirname, 'packages/nx/src'),
  layers: LAYERS,
  scoped: ['generators', 'executors'],
  shared: ['shared', '__testing__'],
  testFiles: '\\.(spec|test)\\.[cm]?[jt]sx?$',
  knownViolations: KNOWN_VIOLATIONS,
};

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/__fixtures__', 'tmp/**', '.tools/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // every module kind, so no file under src escapes the layers (.js/.mjs/.cjs parse as TypeScript too)
    files: ['packages/nx/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: require('@typescript-eslint/parser') },
    plugins: { mlws: { rules: { 'layer-imports': layerImports } } },
    rules: { 'mlws/layer-imports': ['error', LAYER_OPTIONS] },
  },
  {
    // package.json, executors.json, generators.json and every schema they point at must agree.
    files: ['packages/nx/package.json', 'packages/nx/executors.json', 'packages/nx/generators.json'],
    languageOptions: { parser: require('jsonc-eslint-parser') },
    rules: { '@nx/nx-plugin-checks': 'error' },
  },
  // last: turns off the stylistic rules that fight Prettier (Prettier formats, ESLint finds bugs)
  prettier,
];

module.exports.LAYER_OPTIONS = LAYER_OPTIONS;
