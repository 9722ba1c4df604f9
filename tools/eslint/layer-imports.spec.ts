/* The layer rule on small sources, with the layer options eslint.config.cjs lints packages/nx/src with. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';

const config = require('../../eslint.config.cjs') as Linter.Config[] & { LAYER_OPTIONS: LayerOptions };
const rule = require('./layer-imports.cjs');
const parser = require('@typescript-eslint/parser');

interface LayerOptions {
  root: string;
  knownViolations: Array<{ from: string; to: string }>;
  [key: string]: unknown;
}

const repo = join(__dirname, '../..');

/** The rule's messages for `code` in `file` (relative to packages/nx/src). */
function lint(file: string, code: string, options: LayerOptions = config.LAYER_OPTIONS): string[] {
  const linter = new Linter({ configType: 'flat', cwd: repo });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
        languageOptions: { parser },
        plugins: { mlws: { rules: { 'layer-imports': rule } } },
        rules: { 'mlws/layer-imports': ['error', options] },
      },
    ],
    { filename: join(options.root, file) },
  );
  return messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('mlws/layer-imports', () => {
  it('fails on an upward import, type-only, re-exported or dynamic alike', () => {
    expect(lint('model/workspace.ts', "import type { NormalizedOptions } from '../plugin/options';\n")).toEqual([
      expect.stringMatching(
        /^mlws\/layer-imports: model\/workspace \(layer 1\) imports plugin\/options \(layer 6\): layers import downward only/,
      ),
    ]);
    expect(lint('release/x.ts', "export * from '../generators/shared/pin-source';\n")).toHaveLength(1);
    expect(
      lint('uv/x.ts', "export async function f() { return import('../plugin/submodule-directories'); }\n"),
    ).toHaveLength(1);
    expect(lint('plugin/x.ts', "import { junitReportPath } from '../executors/test/junit-path';\n")).toHaveLength(1);
    expect(lint('plugin/x.ts', "import { createNodes } from '../index';\n")).toHaveLength(1);
    expect(lint('model/x.spec.ts', "import { PYTHON_SOURCES_INPUT } from '../plugin/targets';\n")).toHaveLength(1);
  });

  it('knows the layers that do not exist yet: clients under plan under plugin', () => {
    expect(lint('plan/run.ts', "import type { Clients } from '../clients/bundle';\n")).toEqual([]);
    expect(lint('clients/bundle.ts', "import type { Plan } from '../plan/run';\n")).toHaveLength(1);
    expect(lint('clients/bundle.ts', "import { runProcess } from '../process/run-process';\n")).toEqual([]);
    expect(lint('plan/run.ts', "import { x } from '../plugin/options';\n")).toHaveLength(1);
  });

  it('allows downward imports', () => {
    const ok = [
      ['index.ts', "export { createNodes } from './plugin/create-nodes';\n"],
      [
        'executors/sync/executor.ts',
        "import { readEnvironment } from '../shared/environment';\nimport { x } from '../../release/y';\n",
      ],
      [
        'generators/pin/generator.ts',
        "import { fail } from '../shared/errors';\nimport { y } from './local';\nimport { parse } from '../../toml';\n",
      ],
      [
        'model/options.ts',
        "import { assignRoles } from './environment-roles';\nimport { parseToml } from '../vendor/smol-toml';\n",
      ],
      ['uv/pin-source.ts', "import { setTomlValue } from '../toml';\nimport { isTable } from '../model/uv-source';\n"],
    ];
    for (const [file, code] of ok) expect(lint(file, code)).toEqual([]);
  });

  it('fails on a sideways import inside the tool layer (git, uv, docker, github, sync)', () => {
    expect(lint('uv/x.ts', "import { createGitClient } from '../git/git-client';\n")).toEqual([
      expect.stringContaining('uv/x imports git/git-client: git, uv, docker, github, sync never import each other'),
    ]);
  });

  it('fails on a generator or executor importing a sibling, and on shared importing one', () => {
    expect(
      lint('executors/docker-run/executor.ts', "import { defaultRecordFile } from '../docker-build/build-image';\n"),
    ).toEqual([
      expect.stringContaining(
        'executors/docker-run/executor imports executors/docker-build/build-image: a directory under executors/ imports only its own files and executors/shared',
      ),
    ]);
    expect(
      lint('generators/environment/generator.ts', "import { environmentPyproject } from '../init/scaffold';\n"),
    ).toHaveLength(1);
    expect(lint('generators/shared/x.ts', "import { initGenerator } from '../init/generator';\n")).toHaveLength(1);
    // a spec may set a workspace up with another generator; the layer order still holds for it
    expect(
      lint('generators/backend/generator.spec.ts', "import { initGenerator } from '../init/generator';\n"),
    ).toEqual([]);
    expect(
      lint('generators/backend/generator.spec.ts', "import { x } from '../../executors/sync/executor';\n"),
    ).toHaveLength(1);
  });

  it('names a directory that is in no layer', () => {
    expect(lint('plugin/x.ts', "import { y } from '../helpers/y';\n")).toEqual([
      expect.stringContaining('helpers/y is in no layer'),
    ]);
  });

  it('lets a known violation through only while it is listed, and the repo lists none', () => {
    const code = "import { relockCallback } from '../generators/shared/relock';\n";
    const listed = {
      ...config.LAYER_OPTIONS,
      knownViolations: [{ from: 'release/run-release', to: 'generators/shared/relock', why: 'test' }],
    };
    expect(lint('release/run-release.ts', code, listed)).toEqual([]);
    expect(lint('release/notes.ts', code, listed)).toHaveLength(1);
    expect(lint('release/run-release.ts', code)).toHaveLength(1);
    expect(config.LAYER_OPTIONS.knownViolations).toEqual([]);
  });
  it('fails on an import of the root index.ts, however it is spelled', () => {
    for (const spec of ['..', '../', '../index', '../index.js', '../.'])
      expect(lint('plugin/x.ts', `import { createNodes } from '${spec}';\n`)).toEqual([
        expect.stringMatching(/plugin\/x \(layer 6\) imports index \(layer 10\)/),
      ]);
    expect(lint('generators/pin/x.ts', "import { createNodes } from '../..';\n")).toHaveLength(1);
    expect(lint('index.ts', "export { createNodes } from '.';\n")).toEqual([]);
  });

  it('names a file that is in no layer, whatever it imports', () => {
    expect(lint('newdir/x.ts', "import { createNodes } from '../index';\n")).toEqual([
      expect.stringContaining('newdir/x is in no layer, so its imports cannot be checked'),
    ]);
    expect(lint('helpers.ts', "import { x } from './plugin/targets';\n")).toEqual([
      expect.stringContaining('helpers is in no layer'),
    ]);
    // a file directly in src named like a layer directory is not that directory
    expect(lint('model.ts', "import { x } from './plugin/targets';\n")).toHaveLength(1);
    expect(lint('index.spec.ts', "import { createNodes } from './index';\n")).toEqual([]);
  });

  it('checks import-equals, template literals, require.resolve and every jest module call', () => {
    const upward = [
      "import targets = require('../plugin/x');\nexport { targets };\n",
      'export const f = () => import(`../plugin/x`);\n',
      'export const f = () => require(`../plugin/x`);\n',
      "export const p = require.resolve('../plugin/x');\n",
      "export const p = import.meta.resolve('../plugin/x');\n",
      "export const a = jest.requireActual('../plugin/x');\n",
      "export const a = jest.requireMock('../plugin/x');\n",
      "jest.mock('../plugin/x');\n",
      'jest.doMock(`../plugin/x`, () => ({}));\n',
      "jest.unstable_mockModule('../plugin/x', () => ({}));\n",
      "export type T = typeof import('../plugin/x');\n",
    ];
    for (const code of upward)
      expect({ code, messages: lint('model/x.ts', code) }).toEqual({
        code,
        messages: [expect.stringMatching(/model\/x \(layer 1\) imports plugin\/x \(layer 6\)/)],
      });
    // a template with an expression names no one module; a package name is no layer's business
    expect(lint('model/x.ts', 'export const f = (n: string) => import(`../plugin/${n}`);\n')).toEqual([]);
    expect(lint('model/x.ts', "import { readFileSync } from 'node:fs';\njest.mock('node:fs');\n")).toEqual([]);
  });

  it('checks absolute and file: specifiers that resolve under src', () => {
    const target = join(config.LAYER_OPTIONS.root, 'plugin/targets');
    for (const spec of [target, `${target}.ts`, pathToFileURL(`${target}.ts`).href])
      expect(lint('model/x.ts', `import { x } from '${spec}';\n`)).toEqual([
        expect.stringContaining('model/x (layer 1) imports plugin/targets (layer 6)'),
      ]);
    expect(lint('model/x.ts', `import { x } from '${join(repo, 'tools/eslint/layer-imports.cjs')}';\n`)).toEqual([]);
  });

  it('lints every module kind under packages/nx/src with the repo config, Prettier last', () => {
    const linter = new Linter({ configType: 'flat', cwd: repo });
    for (const ext of ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs']) {
      const filename = join(config.LAYER_OPTIONS.root, `model/x.${ext}`);
      const messages = linter.verify("import { x } from '../plugin/targets';\nexport { x };\n", config, { filename });
      expect({ ext, rules: messages.map((m) => m.ruleId) }).toEqual({ ext, rules: ['mlws/layer-imports'] });
    }
    expect(config[config.length - 1]).toBe(require('eslint-config-prettier'));
  });
});
