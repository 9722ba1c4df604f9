const nx = require('@nx/eslint-plugin');

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
    // package.json, executors.json, generators.json and every schema they point at must agree.
    files: ['packages/nx/package.json', 'packages/nx/executors.json', 'packages/nx/generators.json'],
    languageOptions: { parser: require('jsonc-eslint-parser') },
    rules: { '@nx/nx-plugin-checks': 'error' },
  },
];
