import { normalizeOptions } from './options';
import { buildWorkspaceModel } from './workspace';
import { files, input } from './__testing__/workspace-input';

describe('buildWorkspaceModel', () => {
  it('finds packages by normalised name, environments and images', () => {
    const model = buildWorkspaceModel(input());
    expect(model.packages.map((p) => [p.name, p.root, p.origin, p.submodule?.path])).toEqual([
      ['bench-utils', 'packages/bench-utils', 'member', 'packages/bench-utils'],
      ['model-interface', 'packages/model-interface', 'member', 'packages/model-interface'],
      ['model-qwen2-5-vl', 'packages/model_qwen2.5-vl', 'member', 'packages/model_qwen2.5-vl'],
      ['release-tool', 'tools/release_tool', 'path', undefined],
    ]);
    expect(model.environments.map((e) => [e.name, e.root])).toEqual([
      ['dev', '.'],
      ['staging', 'staging'],
      ['prod', 'prod'],
    ]);
    expect(model.images).toEqual([
      {
        kind: 'image',
        name: 'ml-playground',
        root: 'docker',
        dockerfile: 'docker/Dockerfile-uv',
        stages: ['base', 'dev', 'prod'],
        environments: ['dev', 'prod'],
      },
    ]);
  });

  it('names the uninitialised member submodule and the fix, and ignores excluded ones', () => {
    const model = buildWorkspaceModel(input());
    expect(model.problems).toEqual([
      {
        level: 'warn',
        message:
          'packages/prompt-handler is a uv workspace member but has no pyproject.toml (submodule not initialised?): run git submodule update --init packages/prompt-handler',
      },
    ]);
  });

  it('a member submodule moved by hand is not called uninitialised: it names the copy, mv back, then nx g @mlws/nx:move', () => {
    // mv packages/model-interface packages/mi: the copy's pyproject is found by the members glob
    const moved = input({
      'packages/model-interface/pyproject.toml': undefined,
      'packages/mi/pyproject.toml': files['packages/model-interface/pyproject.toml'],
    });
    const model = buildWorkspaceModel({
      ...moved,
      submoduleDirectories: {
        'packages/model-interface': { state: 'missing', movedTo: 'packages/mi' },
        'packages/prompt-handler': { state: 'uninitialised' },
      },
    });
    expect(model.problems.map((p) => p.message)).toEqual([
      'packages/model-interface is a submodule in .gitmodules, but its directory was moved by hand to packages/mi (git and .gitmodules still name packages/model-interface): ' +
        'move it back with mv packages/mi packages/model-interface, then move it with nx g @mlws/nx:move model-interface --to packages/mi',
      'packages/prompt-handler is a uv workspace member but has no pyproject.toml (submodule not initialised?): run git submodule update --init packages/prompt-handler',
    ]);
  });

  it('a submodule moved by hand outside the members gets advice move accepts: the members entry first', () => {
    const moved = input({
      'packages/model-interface/pyproject.toml': undefined,
      'libs/mi/pyproject.toml': files['packages/model-interface/pyproject.toml'],
    });
    const model = buildWorkspaceModel({
      ...moved,
      submoduleDirectories: { 'packages/model-interface': { state: 'missing', movedTo: 'libs/mi' } },
    });
    expect(model.problems.map((p) => p.message)).toContain(
      'packages/model-interface is a submodule in .gitmodules, but its directory was moved by hand to libs/mi, which is not a uv workspace member (git and .gitmodules still name packages/model-interface): ' +
        'move it back with mv libs/mi packages/model-interface, add "libs/mi" to [tool.uv.workspace] members in pyproject.toml, then move it with nx g @mlws/nx:move model-interface --to libs/mi',
    );
  });

  it('a member submodule whose directory is gone, copy not found: move back or restore; a checkout without pyproject is not uninitialised', () => {
    const model = buildWorkspaceModel({
      ...input({ 'packages/model-interface/pyproject.toml': undefined }),
      submoduleDirectories: {
        'packages/model-interface': { state: 'missing' },
        'packages/prompt-handler': { state: 'checked-out' },
      },
    });
    expect(model.problems.map((p) => p.message)).toEqual([
      'packages/model-interface is a submodule in .gitmodules, but its directory is missing (moved or deleted by hand): ' +
        'if you moved it, move it back (mv <new dir> packages/model-interface) and move it with nx g @mlws/nx:move packages/model-interface --to <new dir>; ' +
        'if you deleted it, run git submodule update --init packages/model-interface',
      "packages/prompt-handler is a uv workspace member but its checkout has no pyproject.toml: add one to the package's repository, or exclude packages/prompt-handler from [tool.uv.workspace] members in pyproject.toml",
    ]);
  });

  it('reports malformed TOML with file:line:col and keeps the rest', () => {
    const model = buildWorkspaceModel(
      input({ 'packages/model-interface/pyproject.toml': '[project]\nname = "model-interface\n' }),
    );
    expect(model.packages.map((p) => p.name)).toEqual(['bench-utils', 'model-qwen2-5-vl', 'release-tool']);
    expect(model.problems[0]).toEqual({
      level: 'error',
      message: expect.stringMatching(/^packages\/model-interface\/pyproject\.toml:2:\d+: invalid TOML: /),
    });
  });

  it('reports a missing [project].name', () => {
    const model = buildWorkspaceModel(input({ 'packages/bench-utils/pyproject.toml': '[project]\nversion = "1"\n' }));
    expect(model.packages.map((p) => p.name)).not.toContain('');
    expect(model.problems.map((p) => p.message)).toContain(
      'packages/bench-utils/pyproject.toml: [project].name is missing; every uv workspace member needs one (add name = "<distribution-name>" under [project])',
    );
  });

  it('reports two members with one normalised name, naming both paths', () => {
    const model = buildWorkspaceModel(
      input({ 'packages/bench.utils/pyproject.toml': '[project]\nname = "Bench.Utils"\n' }),
    );
    expect(model.packages.filter((p) => p.name === 'bench-utils')).toHaveLength(1);
    expect(model.problems.map((p) => p.message)).toContain(
      'packages/bench.utils/pyproject.toml and packages/bench-utils/pyproject.toml both have the name "bench-utils" (after PEP 503 normalisation); rename one, packages/bench.utils/pyproject.toml is ignored until then',
    );
  });

  it('on a name clash keeps the submodule over a plain directory', () => {
    const model = buildWorkspaceModel(
      input({ 'packages/Bench_Utils/pyproject.toml': '[project]\nname = "Bench.Utils"\n' }),
    );
    expect(model.packages.find((p) => p.name === 'bench-utils')?.root).toBe('packages/bench-utils');
    expect(model.problems.map((p) => p.message)).toContain(
      'packages/Bench_Utils/pyproject.toml and packages/bench-utils/pyproject.toml both have the name "bench-utils" (after PEP 503 normalisation); rename one, packages/Bench_Utils/pyproject.toml is ignored until then',
    );
  });

  it('takes environments from the options', () => {
    const i = input({ 'qa/pyproject.toml': '[project]\nname = "qa"\n' });
    i.options = normalizeOptions({ environments: ['staging', { name: 'qa', path: './qa/' }], devEnvironment: 'local' });
    expect(buildWorkspaceModel(i).environments.map((e) => `${e.name}@${e.root}`)).toEqual([
      'local@.',
      'staging@staging',
      'qa@qa',
    ]);
  });
});

describe('paths from files that leave the workspace', () => {
  it('reports members globs outside the workspace and crafted .gitmodules sections, one line each', () => {
    const i = input({
      'pyproject.toml': '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*", "../*", "/etc/*"]\n',
    });
    i.submodules = [
      ...i.submodules,
      { name: '../../../victim', path: 'packages/x', url: 'u' },
      { name: 'y', path: '../y', url: 'u' },
    ];
    const messages = buildWorkspaceModel(i).problems.map((p) => p.message);
    expect(messages.filter((m) => /leaves the workspace|git ignores it|outside the workspace for git/.test(m))).toEqual(
      [
        'pyproject.toml: [tool.uv.workspace] members entry "../*" leaves the workspace, so @mlws/nx leaves it out of the graph while uv still locks what it matches: use a path inside the workspace (e.g. "packages/*") or remove the entry',
        'pyproject.toml: [tool.uv.workspace] members entry "/etc/*" leaves the workspace, so @mlws/nx leaves it out of the graph while uv still locks what it matches: use a path inside the workspace (e.g. "packages/*") or remove the entry',
        '.gitmodules: the submodule name "../../../victim" has a ".." part, so git ignores it ("ignoring suspicious submodule name") and @mlws/nx never acts on it: rename the section to [submodule "packages/x"] in .gitmodules, then run git submodule update --init -- packages/x',
        '.gitmodules: the path "../y" of submodule "y" has a ".." part, so it is outside the workspace for git and @mlws/nx: set path = <directory inside the workspace> in .gitmodules, or delete the section',
      ],
    );
  });
});
