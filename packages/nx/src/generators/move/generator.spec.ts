import type { Tree } from '@nx/devkit';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answer, diskTree, fakeGitUv, flush, gitLines } from '../shared/__testing__/fake-git-uv';
import { moveGenerator } from './generator';

const ROOT = [
  '[project]',
  'name = "ml"',
  'version = "0.1.0"',
  'dependencies = ["model-a", "release-tool"]',
  '',
  '[tool.uv.workspace]',
  'members = ["packages/*", "libs/*/*"]',
  '',
  '[tool.uv.sources]',
  'model-a      = { workspace = true }',
  'release-tool = { path = "tools/release_tool", editable = true }',
  '',
].join('\n');

const GITMODULES =
  '[submodule "packages/model-a"]\n\tpath = packages/model-a\n\turl = https://git.example.com/ml/model-a.git\n\tignore = none\n';

function workspace(extra: Record<string, string> = {}): Tree {
  const tree = diskTree({
    'pyproject.toml': ROOT,
    'uv.lock': 'version = 1\n',
    '.gitmodules': GITMODULES,
    'packages/model-a/pyproject.toml': '[project]\nname = "model_a"\nversion = "0.1.0"\ndependencies = []\n',
    'packages/model-a/.git': 'gitdir: ../../.git/modules/packages/model-a\n',
    'tools/release_tool/pyproject.toml': '[project]\nname = "release-tool"\nversion = "0.1.0"\n',
    ...extra,
  });
  mkdirSync(join(tree.root, '.git/modules/packages/model-a'), { recursive: true });
  return tree;
}

const tracked: Answer = (c) =>
  c.args[0] === 'ls-files' ? { stdout: 'tools/release_tool/pyproject.toml\n' } : undefined;

describe('move generator', () => {
  it('moves a submodule: git mv, core.worktree, sync, relock re-resolving the moved member', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root);
    const callback = await moveGenerator(tree, { name: 'Model.A', to: 'packages/model-alpha' }, f.deps);
    expect(tree.listChanges()).toEqual([]);
    expect(f.log).toEqual([
      '@mlws/nx: move model-a from packages/model-a to packages/model-alpha (submodule "packages/model-a")',
      '@mlws/nx: after the files are written, runs (skipped with --dry-run):',
      '  git submodule absorbgitdirs -- packages/model-a',
      '  git mv -- packages/model-a packages/model-alpha',
      '  git config --file .git/modules/packages/model-a/config core.worktree ../../../../packages/model-alpha',
      '  git submodule sync --quiet -- packages/model-alpha',
      '  uv lock --upgrade-package model_a',
    ]);
    expect(gitLines(tree.root, f.git)).toEqual([
      'git rev-parse --show-toplevel --absolute-git-dir',
      'git diff --quiet -- .gitmodules',
    ]);
    f.git.length = 0;
    flush(tree);
    await callback();
    expect(gitLines(tree.root, f.git)).toEqual([
      'git submodule absorbgitdirs -- packages/model-a',
      'git mv -- packages/model-a packages/model-alpha',
      'git config --file .git/modules/packages/model-a/config core.worktree ../../../../packages/model-alpha',
      'git submodule sync --quiet -- packages/model-alpha',
    ]);
    expect(f.uv.map((c) => c.args.join(' '))).toEqual(['lock --upgrade-package model_a']);
    expect(f.log[f.log.length - 1]).toBe(
      '@mlws/nx: moved model-a from packages/model-a to packages/model-alpha; commit it: git add --all -- .gitmodules packages/model-alpha uv.lock && git commit -m "Move model-a to packages/model-alpha"',
    );
  });

  it('creates the missing parent first, and removes it again when a later step fails (rollback)', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root, (c) =>
      c.args.includes('sync') ? { exitCode: 1, stderr: 'fatal: sync went wrong' } : undefined,
    );
    const callback = await moveGenerator(tree, { name: 'model-a', to: 'libs/ml/model-a' }, f.deps);
    expect(f.log[2]).toBe('  mkdir -p libs/ml');
    flush(tree);
    f.git.length = 0;
    await expect(callback()).rejects.toThrow(
      '@mlws/nx: git submodule sync --quiet -- libs/ml/model-a failed: fatal: sync went wrong; rolled back, the workspace is as it was',
    );
    expect(gitLines(tree.root, f.git).slice(-3)).toEqual([
      'git submodule sync --quiet -- libs/ml/model-a',
      'git config --file .git/modules/packages/model-a/config core.worktree ../../../../packages/model-a',
      'git mv -- libs/ml/model-a packages/model-a',
    ]);
    expect(existsSync(join(tree.root, 'libs'))).toBe(false);
  });

  it('moves a path-source package with git mv and points the source at the new place (layout kept)', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root, tracked);
    const callback = await moveGenerator(tree, { name: 'release-tool', to: 'tools/release-tool' }, f.deps);
    expect(tree.read('pyproject.toml', 'utf-8')).toBe(
      ROOT.replace('path = "tools/release_tool"', 'path = "tools/release-tool"'),
    );
    expect(f.log.slice(2)).toEqual([
      '  git mv -- tools/release_tool tools/release-tool',
      '  uv lock --upgrade-package release-tool',
    ]);
    flush(tree);
    await callback();
  });

  it('renames an explicit members entry along with the package', async () => {
    const tree = workspace({
      'pyproject.toml': ROOT.replace('members = ["packages/*", "libs/*/*"]', 'members = ["packages/model-a"]'),
    });
    await moveGenerator(tree, { name: 'model-a', to: 'vendor/model-a' }, fakeGitUv(tree.root).deps);
    expect(tree.read('pyproject.toml', 'utf-8')).toContain('members = ["vendor/model-a"]');
  });

  describe('refuses before writing anything', () => {
    const cases: Array<[string, { name: string; to: string }, string, Answer?]> = [
      [
        'an unknown package',
        { name: 'nope', to: 'x' },
        '@mlws/nx: there is no package "nope" in the workspace (packages: model-a, release-tool): nx g @mlws/nx:move <name>, with a name from nx show projects',
      ],
      [
        'the same place',
        { name: 'model-a', to: 'packages/model-a/' },
        '@mlws/nx: model-a is already in packages/model-a: pass another --to',
      ],
      [
        'inside itself',
        { name: 'model-a', to: 'packages/model-a/sub' },
        '@mlws/nx: cannot move packages/model-a to packages/model-a/sub, inside itself or its parent: pass another --to',
      ],
      [
        'an existing target',
        { name: 'model-a', to: 'tools/release_tool' },
        '@mlws/nx: tools/release_tool already exists: pass another --to, or remove tools/release_tool first',
      ],
      [
        'a target outside the workspace',
        { name: 'model-a', to: '../elsewhere' },
        '@mlws/nx: --to "../elsewhere" leaves the workspace: pass --to <directory inside the workspace>',
      ],
      [
        'a file on the way',
        { name: 'model-a', to: 'uv.lock/model-a' },
        '@mlws/nx: uv.lock is a file, so uv.lock/model-a cannot be created: pass another --to',
      ],
      [
        'a target that is not a member',
        { name: 'model-a', to: 'vendor/model-a' },
        '@mlws/nx: vendor/model-a would not be a uv workspace member (pyproject.toml [tool.uv.workspace] members = ["packages/*","libs/*/*"]): pass --to under a members glob, or add it to members first',
      ],
      [
        'unstaged .gitmodules changes',
        { name: 'model-a', to: 'packages/a' },
        '@mlws/nx: .gitmodules has unstaged changes, and git edits it for this: stage them first with git add .gitmodules (or git stash)',
        (c) => (c.args.includes('diff') ? { exitCode: 1 } : undefined),
      ],
      [
        'an untracked plain package',
        { name: 'release-tool', to: 'tools/rt' },
        '@mlws/nx: tools/release_tool is not tracked by git, and git mv moves it: git add tools/release_tool (and commit), then move it',
      ],
    ];
    it.each(cases.map(([label, options, message, answer]) => ({ label, options, message, answer })))(
      '$label',
      async ({ options, message, answer }) => {
        const tree = workspace();
        await expect(moveGenerator(tree, options, fakeGitUv(tree.root, answer).deps)).rejects.toThrow(message);
        expect(tree.listChanges()).toEqual([]);
      },
    );
  });

  it.each(['../../../victim', '../../packages/other', 'a/../../b'])(
    'a crafted submodule name %s: refused before any write, git never edits a config outside .git/modules',
    async (name) => {
      const tree = workspace({
        '.gitmodules': GITMODULES.replace('[submodule "packages/model-a"]', `[submodule "${name}"]`),
      });
      const f = fakeGitUv(tree.root);
      await expect(moveGenerator(tree, { name: 'model-a', to: 'packages/a' }, f.deps)).rejects.toThrow(
        /^@mlws\/nx: move refused, nothing was changed: \.gitmodules: the submodule name ".*" has a "\.\." part, so git ignores it/,
      );
      expect(tree.listChanges()).toEqual([]);
      expect(f.git.some((c) => c.args.includes('config'))).toBe(false);
    },
  );

  it('refuses a --to that leaves the workspace through a symlink', async () => {
    const tree = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'mlws-outside-'));
    symlinkSync(outside, join(tree.root, 'vendor'));
    await expect(
      moveGenerator(tree, { name: 'model-a', to: 'packages/vendor-a' }, fakeGitUv(tree.root).deps),
    ).resolves.toBeDefined();
    const t2 = workspace({ 'pyproject.toml': ROOT.replace('"libs/*/*"', '"vendor/*"') });
    symlinkSync(outside, join(t2.root, 'vendor'));
    await expect(moveGenerator(t2, { name: 'model-a', to: 'vendor/model-a' }, fakeGitUv(t2.root).deps)).rejects.toThrow(
      /^@mlws\/nx: --to vendor\/model-a resolves to .*, outside the workspace \(through a symlink\): pass --to <directory inside the workspace>$/,
    );
    expect(t2.listChanges()).toEqual([]);
  });

  it('a failed relock rolls the move back (git mv back, core.worktree, the files), like any relock', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root, undefined, () => ({ exitCode: 2, stderr: 'error: boom\n' }));
    const callback = await moveGenerator(tree, { name: 'model-a', to: 'packages/a' }, f.deps);
    const pyprojectBefore = readFileSync(join(tree.root, 'pyproject.toml'), 'utf8');
    flush(tree);
    f.git.length = 0;
    await expect(callback()).rejects.toThrow(
      '@mlws/nx: uv lock --upgrade-package model_a failed (boom); rolled back, the workspace is as it was',
    );
    expect(gitLines(tree.root, f.git).slice(-2)).toEqual([
      expect.stringMatching(/^git config --file \S+ core\.worktree \S+model-a$/),
      'git mv -- packages/a packages/model-a',
    ]);
    expect(readFileSync(join(tree.root, 'pyproject.toml'), 'utf8')).toBe(pyprojectBefore);
    expect(readFileSync(join(tree.root, '.gitmodules'), 'utf8')).toBe(GITMODULES);
  });
});
