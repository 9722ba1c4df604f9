import type { Tree } from '@nx/devkit';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Answer,
  BENCH_UTILS,
  diskTree,
  fakeGitUv,
  flush,
  gitLines,
  ROOT_PYPROJECT,
} from '../shared/__testing__/fake-git-uv';
import { packageGenerator } from './generator';

const URL = 'https://git.example.com/ml/model-qwen.git';

function workspace(extra: Record<string, string> = {}): Tree {
  return diskTree({
    'pyproject.toml': ROOT_PYPROJECT,
    'packages/bench-utils/pyproject.toml': BENCH_UTILS,
    '.python-version': '3.11\n',
    ...extra,
  });
}

const changes = (tree: Tree) =>
  tree
    .listChanges()
    .map((c) => `${c.type} ${c.path}`)
    .sort();

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

  describe('refuses before writing anything', () => {
    const cases: Array<[string, Parameters<typeof packageGenerator>[1], string, (() => Answer)?]> = [
      [
        'a bad name',
        { name: 'model qwen', remote: URL },
        '@mlws/nx: "model qwen" is not a valid package name (PEP 508: letters, digits, and "-", "_", "." inside): try nx g @mlws/nx:package model-qwen',
      ],
      [
        'a directory outside the workspace',
        { name: 'x', directory: '../x', remote: URL },
        '@mlws/nx: --directory "../x" leaves the workspace: pass --directory packages/x',
      ],
      [
        'an existing directory',
        { name: 'bench-utils2', directory: 'packages/bench-utils', remote: URL },
        '@mlws/nx: packages/bench-utils already exists: choose another directory with --directory, or remove packages/bench-utils first',
      ],
      [
        'a directory that is not a member',
        { name: 'x', directory: 'libs/x', remote: URL },
        '@mlws/nx: libs/x is not a uv workspace member (pyproject.toml [tool.uv.workspace] members = ["packages/*"]): pass --directory under a members glob, or add it to members',
      ],
      [
        'an existing package name',
        { name: 'Bench.Utils', directory: 'packages/bu', remote: URL },
        '@mlws/nx: a package named bench-utils already exists in packages/bench-utils: choose another name (names compare after PEP 503 normalisation)',
      ],
      [
        'an environment name',
        { name: 'staging', remote: URL },
        "@mlws/nx: staging is the name of the staging environment's project: choose another package name",
      ],
      [
        'a missing dependency',
        { name: 'x', remote: URL, dependencies: ['bench-utils,nope'] },
        '@mlws/nx: --dependencies: no package nope in the workspace (packages: bench-utils): create it first with nx g @mlws/nx:package nope',
      ],
      [
        'no remote',
        { name: 'x' },
        '@mlws/nx: x needs the URL of its own (empty) repository: pass --remote <url>, set "remoteUrlTemplate" (e.g. "git@github.com:my-org/{name}.git") in the @mlws/nx options in nx.json, or pass --no-submodule',
      ],
      [
        'an ext:: remote',
        { name: 'x', remote: 'ext::sh -c touch% /tmp/pwned' },
        '@mlws/nx: the remote "ext::sh -c touch% /tmp/pwned" is refused: remote-helper transports (ext::, fd::) are not allowed; pass a https://, ssh:// or git@host:path URL with --remote',
      ],
      [
        'a 300-character name',
        { name: 'a'.repeat(300), remote: URL },
        '@mlws/nx: the package name is 300 characters long, and it names the directory and the repository (file systems take 255 bytes, GitHub 100 characters): choose a name of at most 100 characters',
      ],
      [
        'an fd:: remote',
        { name: 'x', remote: 'fd::17' },
        '@mlws/nx: the remote "fd::17" is refused: remote-helper transports (ext::, fd::) are not allowed; pass a https://, ssh:// or git@host:path URL with --remote',
      ],
      [
        'a password in the URL',
        { name: 'x', remote: 'https://me:secret@git.example.com/x.git' },
        '@mlws/nx: the remote URL holds a password or token, which would be written to .gitmodules and committed: use a URL without it and a git credential helper',
      ],
      [
        'a token as the URL user',
        { name: 'x', remote: 'https://ghp_0123456789abcdef@github.com/org/x.git' },
        '@mlws/nx: the remote URL holds a password or token, which would be written to .gitmodules and committed: use a URL without it and a git credential helper',
      ],
      [
        'an unreachable remote',
        { name: 'x', remote: URL },
        `@mlws/nx: the remote ${URL} is not reachable (git ls-remote: fatal: repository '${URL}/' not found): create the repository and check access with git ls-remote ${URL}, or pass another --remote`,
        () => (c) =>
          c.args.includes('ls-remote')
            ? { exitCode: 128, stderr: `fatal: repository '${URL}/' not found\n` }
            : undefined,
      ],
      [
        'a remote that already has main',
        { name: 'x', remote: URL },
        `@mlws/nx: the remote ${URL} already has a main branch; a new package needs an empty repository: create an empty one and pass it with --remote`,
        () => (c) => (c.args.includes('ls-remote') ? { stdout: 'abc\trefs/heads/main\n' } : undefined),
      ],
      [
        'no git repository',
        { name: 'x', remote: URL },
        '@mlws/nx: the workspace is not a git repository, and submodules live in one: run git init (or pass --no-submodule for a plain member)',
        () => (c) =>
          c.args.includes('rev-parse')
            ? { exitCode: 128, stdout: '', stderr: 'fatal: not a git repository' }
            : undefined,
      ],
      [
        'a workspace below the top of its repository',
        { name: 'x', remote: URL },
        '@mlws/nx: the workspace root is not the top of its git repository (/); submodule paths are recorded from there: run nx from / (or pass --no-submodule for a plain member)',
        () => (c) => (c.args.includes('rev-parse') ? { stdout: '/\n/.git\n' } : undefined),
      ],
      [
        'no git identity',
        { name: 'x', remote: URL },
        '@mlws/nx: git has no identity for the initial commit: git config --global user.name "Your Name" && git config --global user.email you@example.com',
        () => (c) => (c.args.includes('var') ? { exitCode: 128, stderr: 'Author identity unknown' } : undefined),
      ],
    ];
    it.each(cases.map(([label, options, message, answer]) => ({ label, options, message, answer })))(
      '$label',
      async ({ options, message, answer }) => {
        const tree = workspace();
        const f = fakeGitUv(tree.root, answer?.());
        await expect(packageGenerator(tree, options, f.deps)).rejects.toThrow(message);
        expect(tree.listChanges()).toEqual([]);
        expect(f.git.filter((c) => !['rev-parse', 'var', 'ls-remote'].some((a) => c.args.includes(a)))).toEqual([]);
      },
    );

    it('a git directory left from an earlier submodule there', async () => {
      const tree = workspace();
      mkdirSync(join(tree.root, '.git/modules/packages/x'), { recursive: true });
      await expect(packageGenerator(tree, { name: 'x', remote: URL }, fakeGitUv(tree.root).deps)).rejects.toThrow(
        '@mlws/nx: .git/modules/packages/x is left from an earlier submodule at packages/x: remove it (rm -rf .git/modules/packages/x) or choose another --directory',
      );
    });

    it('a workspace that is not a uv workspace', async () => {
      const tree = diskTree({ 'pyproject.toml': '[project]\nname = "x"\n' });
      await expect(packageGenerator(tree, { name: 'x', remote: URL }, fakeGitUv(tree.root).deps)).rejects.toThrow(
        '@mlws/nx: pyproject.toml has no [tool.uv.workspace]: this is not a uv workspace yet; run nx g @mlws/nx:init',
      );
    });

    it('uv missing (unless --skip-lock)', async () => {
      const tree = workspace();
      const f = fakeGitUv(tree.root);
      f.deps.findUv = async () => ({ ok: false, message: 'uv is not on PATH: install uv' });
      await expect(packageGenerator(tree, { name: 'x', remote: URL }, f.deps)).rejects.toThrow(
        '@mlws/nx: uv is not on PATH: install uv (or pass --skip-lock and run uv lock later)',
      );
      await expect(packageGenerator(tree, { name: 'x', remote: URL, skipLock: true }, f.deps)).resolves.toBeInstanceOf(
        Function,
      );
    });

    it('the error has no stack, so Nx prints the one line alone', async () => {
      const tree = workspace();
      const e = await packageGenerator(tree, { name: '-x' }, fakeGitUv(tree.root).deps).catch((x: Error) => x);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).stack).toBe('');
      expect((e as Error).message).not.toContain('\n');
    });
  });

  describe('a failure in the callback', () => {
    async function failAt(command: string, uvFails = false) {
      const tree = workspace({ '.gitmodules': '# submodules\n' });
      const before = readFileSync(join(tree.root, 'pyproject.toml'), 'utf8');
      const f = fakeGitUv(
        tree.root,
        (c) =>
          c.args.join(' ').includes(command) ? { exitCode: 1, stderr: `error: ${command} went wrong\n` } : undefined,
        () => (uvFails ? { exitCode: 2, stderr: 'Resolved 3 packages\nerror: No solution found\n' } : undefined),
      );
      const callback = await packageGenerator(tree, { name: 'x', remote: URL }, f.deps);
      flush(tree);
      f.git.length = 0;
      const error = await callback().then(
        () => undefined,
        (e: Error) => e,
      );
      return { tree, f, error, before };
    }

    it('a rejected push rolls everything back: submodule entry, .git/modules, the repository, the files', async () => {
      const { tree, f, error, before } = await failAt('push');
      expect(error?.message).toBe(
        '@mlws/nx: git -C packages/x push --quiet --set-upstream origin main failed: error: push went wrong; rolled back, the workspace is as it was',
      );
      expect(gitLines(tree.root, f.git).slice(-3)).toEqual([
        'git -C packages/x push --quiet --set-upstream origin main',
        'git reset --quiet -- .gitmodules packages/x',
        'git config --remove-section submodule.packages/x',
      ]);
      expect(f.log.filter((l) => l.includes('undo'))).toEqual([
        '@mlws/nx: undo: $ rm -f uv.lock',
        '@mlws/nx: undo: $ rm -rf .git/modules/packages/x',
        '@mlws/nx: undo: $ git reset --quiet -- .gitmodules packages/x',
        '@mlws/nx: undo: $ git config --remove-section submodule.packages/x',
        '@mlws/nx: undo: $ rm -rf packages/x',
      ]);
      expect(readFileSync(join(tree.root, 'pyproject.toml'), 'utf8')).toBe(before);
      expect(readFileSync(join(tree.root, '.gitmodules'), 'utf8')).toBe('# submodules\n');
      expect(existsSync(join(tree.root, 'packages/x'))).toBe(false);
      expect(existsSync(join(tree.root, 'uv.lock'))).toBe(false); // the relock before the push is undone too
      expect(f.uv).toHaveLength(1);
    });

    it('a failed commit rolls back too, removing the new directory', async () => {
      const { tree, error } = await failAt('commit');
      expect(error?.message).toBe(
        "@mlws/nx: git -C packages/x commit --quiet -m 'Create x 0.1.0.dev0' failed: error: commit went wrong; rolled back, the workspace is as it was",
      );
      expect(existsSync(join(tree.root, 'packages/x'))).toBe(false);
      expect(existsSync(join(tree.root, 'packages/bench-utils/pyproject.toml'))).toBe(true);
    });

    it('a git undo that fails stops with the commands that finish the rollback (files are restored anyway)', async () => {
      const t2 = workspace();
      const f2 = fakeGitUv(t2.root, (c) =>
        c.args.includes('push') || c.args.includes('reset')
          ? { exitCode: 1, stderr: 'fatal: index.lock exists' }
          : undefined,
      );
      const cb = await packageGenerator(t2, { name: 'x', remote: URL }, f2.deps);
      flush(t2);
      await expect(cb()).rejects.toThrow(
        '@mlws/nx: git -C packages/x push --quiet --set-upstream origin main failed: fatal: index.lock exists; the rollback stopped at git reset --quiet -- .gitmodules packages/x (fatal: index.lock exists): finish it with: git reset --quiet -- .gitmodules packages/x && git config --remove-section submodule.packages/x && rm -rf packages/x',
      );
      expect(readFileSync(join(t2.root, 'pyproject.toml'), 'utf8')).toBe(ROOT_PYPROJECT);
      expect(existsSync(join(t2.root, '.gitmodules'))).toBe(false);
    });

    it('a failed lock (before the push) rolls everything back, like any relock', async () => {
      const { tree, f, error, before } = await failAt('nothing-fails', true);
      expect(error?.message).toBe(
        '@mlws/nx: uv lock failed (No solution found); rolled back, the workspace is as it was',
      );
      expect(gitLines(tree.root, f.git).some((l) => l.includes('push'))).toBe(false);
      expect(existsSync(join(tree.root, 'packages/x'))).toBe(false);
      expect(readFileSync(join(tree.root, 'pyproject.toml'), 'utf8')).toBe(before);
      expect(readFileSync(join(tree.root, '.gitmodules'), 'utf8')).toBe('# submodules\n');
    });
  });
});
