/* The layer rule on small sources, with the layer options eslint.config.cjs lints packages/nx/src with. */
import { join } from 'node:path';
import { Linter } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.cjs') as { LAYER_OPTIONS: LayerOptions };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require('./layer-imports.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
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
        files: ['**/*.ts'],
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
});
