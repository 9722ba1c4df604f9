/**
 * Minimal TypeScript require hook for plain `node` (no ts-node in the repo): lets CLIs and the
 * demo load the TypeScript helpers in tools/ (fixtures, local registry) without a build step.
 *
 *   node -r ./tools/setup/ts-register.cjs -e "require('./tools/fixtures/playground').builder"
 *
 * Each .ts file outside node_modules is transpiled to CommonJS with `typescript.transpileModule`
 * (no type checking: `npm test` type-checks these files through e2e/nx-e2e/tsconfig.json).
 */
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function compileTs(module, filename) {
    if (filename.includes(`${require('node:path').sep}node_modules${require('node:path').sep}`)) {
      throw new Error(`ts-register: refusing to transpile ${filename} (inside node_modules)`);
    }
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: false,
        inlineSourceMap: true,
      },
    });
    module._compile(outputText, filename);
  };
}
