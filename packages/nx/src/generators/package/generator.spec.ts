import { fakeGitUv, flush, gitLines, ROOT_PYPROJECT } from '../shared/__testing__/fake-git-uv';
import { packageGenerator } from './generator';
import { URL, workspace, changes } from './__testing__/package-workspace';

describe('package generator', () => {
  it('writes the package, the root edits and .gitmodules, prints the plan, then runs it after the flush', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root);
    const callback = await packageGenerator(
      tree,
      { name: 'Model_Qwen', directory: 'packages/model-qwen', remote: URL, dependencies: ['bench_utils'] },
      f.deps,
    );

    expect(changes(tree)).toEqual([
      'CREATE .gitmodules',
      'CREATE packages/model-qwen/.gitignore',
      'CREATE packages/model-qwen/README.md',
      'CREATE packages/model-qwen/pyproject.toml',
      'CREATE packages/model-qwen/src/model_qwen/__init__.py',
      'CREATE packages/model-qwen/src/model_qwen/py.typed',
      'CREATE packages/model-qwen/tests/test_model_qwen.py',
      'UPDATE pyproject.toml',
    ]);
    expect(tree.read('packages/model-qwen/pyproject.toml', 'utf-8')).toBe(
      [
        '[project]',
        'name = "Model_Qwen"',
        'version = "0.1.0.dev0"',
        'description = "Model_Qwen"',
        'readme = "README.md"',
        'requires-python = ">=3.11"',
        'dependencies = [',
        '    "bench-utils",',
        ']',
        '',
        '[dependency-groups]',
        'dev = ["pytest", "ruff"]',
        '',
        '[build-system]',
        'requires = ["hatchling"]',
        'build-backend = "hatchling.build"',
        '',
        '[tool.hatch.build.targets.wheel]',
        'packages = ["src/model_qwen"]',
        '',
      ].join('\n'),
    );
    // the version test holds after a release bumps [project].version
    expect(tree.read('packages/model-qwen/tests/test_model_qwen.py', 'utf-8')).toBe(
      'from importlib.metadata import version\n\nimport model_qwen\n\n\ndef test_version() -> None:\n    assert model_qwen.__version__ == version("Model_Qwen")\n',
    );
    // only the dependency and the source are added; comments and layout stay
    expect(tree.read('pyproject.toml', 'utf-8')).toBe(
      ROOT_PYPROJECT.replace(
        '    "bench-utils",  # shared helpers\n',
        '    "bench-utils",  # shared helpers\n    "model-qwen",\n',
      ).replace(
        'bench-utils = { workspace = true }\n',
        'bench-utils = { workspace = true }\nmodel-qwen = { workspace = true }\n',
      ),
    );
    expect(tree.read('.gitmodules', 'utf-8')).toBe(
      `[submodule "packages/model-qwen"]\n\tpath = packages/model-qwen\n\turl = ${URL}\n\tignore = none\n`,
    );
    expect(f.log).toEqual([
      `@mlws/nx: package Model_Qwen: project model-qwen, import model_qwen, directory packages/model-qwen, own repository ${URL}`,
      '@mlws/nx: after the files are written, runs (skipped with --dry-run):',
      '  git -C packages/model-qwen init --quiet --initial-branch=main',
      '  git -C packages/model-qwen add --all',
      "  git -C packages/model-qwen commit --quiet -m 'Create Model_Qwen 0.1.0.dev0'",
      `  git -C packages/model-qwen remote add origin ${URL}`,
      `  git submodule add --quiet --name packages/model-qwen -- ${URL} packages/model-qwen`,
      '  git submodule absorbgitdirs -- packages/model-qwen',
      '  uv lock',
      '  git -C packages/model-qwen push --quiet --set-upstream origin main',
    ]);
    // the body only reads
    expect(gitLines(tree.root, f.git)).toEqual([
      'git rev-parse --show-toplevel --absolute-git-dir',
      'git var GIT_AUTHOR_IDENT',
      'git var GIT_COMMITTER_IDENT',
      `git ls-remote --heads ${URL}`,
    ]);

    f.git.length = 0;
    flush(tree);
    await callback();
    expect(gitLines(tree.root, f.git)).toEqual([
      'git -C packages/model-qwen init --quiet --initial-branch=main',
      'git -C packages/model-qwen add --all',
      'git -C packages/model-qwen commit --quiet -m Create Model_Qwen 0.1.0.dev0',
      `git -C packages/model-qwen remote add origin ${URL}`,
      `git submodule add --quiet --name packages/model-qwen -- ${URL} packages/model-qwen`,
      'git submodule absorbgitdirs -- packages/model-qwen',
      'git -C packages/model-qwen push --quiet --set-upstream origin main',
    ]);
    expect(f.uv).toEqual([{ cwd: tree.root, args: ['lock'] }]);
    expect(f.log[f.log.length - 1]).toBe(
      `@mlws/nx: created model-qwen in packages/model-qwen, pushed to ${URL}, attached as a submodule; commit it in the root: git add .gitmodules packages/model-qwen pyproject.toml uv.lock && git commit -m "Add model-qwen"`,
    );
  });

  it('defaults the directory to packages/<name> and the remote to remoteUrlTemplate; file URLs get protocol.file.allow', async () => {
    const tree = workspace({
      'nx.json': JSON.stringify({
        plugins: [{ plugin: '@mlws/nx', options: { remoteUrlTemplate: 'file:///srv/git/{name}.git' } }],
      }),
    });
    const f = fakeGitUv(tree.root);
    const callback = await packageGenerator(tree, { name: 'vision', skipLock: true }, f.deps);
    expect(tree.exists('packages/vision/src/vision/__init__.py')).toBe(true);
    expect(tree.read('.gitmodules', 'utf-8')).toContain('url = file:///srv/git/vision.git');
    expect(f.log).toContain(
      '  git -c protocol.file.allow=always submodule add --quiet --name packages/vision -- file:///srv/git/vision.git packages/vision',
    );
    expect(f.log).toContain('@mlws/nx: --skip-lock: the dev lock is not refreshed; run uv lock when ready');
    flush(tree);
    await callback();
    expect(f.git.filter((c) => c.args[0] === '-c').map((c) => c.args.slice(2, 4))).toEqual([
      ['ls-remote', '--heads'],
      ['submodule', 'add'],
      ['push', '--quiet'],
    ]);
    expect(f.uv).toEqual([]);
  });

  it('appends to an existing .gitmodules without touching its sections', async () => {
    const existing = '[submodule "packages/bench-utils"]\n\tpath = packages/bench-utils\n\turl = ../bench-utils.git\n';
    const tree = workspace({ '.gitmodules': existing });
    await packageGenerator(tree, { name: 'vision', remote: URL }, fakeGitUv(tree.root).deps);
    expect(tree.read('.gitmodules', 'utf-8')).toBe(
      `${existing}[submodule "packages/vision"]\n\tpath = packages/vision\n\turl = ${URL}\n\tignore = none\n`,
    );
  });

  it('--no-submodule makes a plain member: no git at all, no .gitmodules', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root);
    const callback = await packageGenerator(tree, { name: 'scratch', submodule: false }, f.deps);
    expect(changes(tree)).not.toContain('CREATE .gitmodules');
    expect(f.log).toEqual([
      '@mlws/nx: package scratch: project scratch, import scratch, directory packages/scratch (plain member of the root repository)',
      '@mlws/nx: after the files are written, runs (skipped with --dry-run):',
      '  uv lock',
    ]);
    flush(tree);
    await callback();
    expect(f.git).toEqual([]);
    expect(f.uv).toHaveLength(1);
  });
});
