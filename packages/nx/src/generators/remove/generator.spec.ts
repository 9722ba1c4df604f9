import type { Tree } from '@nx/devkit';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Answer, diskTree, fakeGitUv, flush, gitLines } from '../shared/__testing__/fake-git-uv';
import { removeGenerator } from './generator';
import { runPlan } from '../../plan/run-plan';
import { removePlan } from './plan';

const ROOT = [
  '[project]',
  'name = "ml"',
  'version = "0.1.0"',
  'requires-python = ">=3.11"',
  'dependencies = [',
  '    "model-a",',
  '    "model-b",  # the second one',
  ']',
  '',
  '[dependency-groups]',
  'dev = ["pytest>=8", "model-b"]',
  '',
  '[tool.uv.workspace]',
  'members = ["packages/*"]',
  '',
  '[tool.uv.sources]',
  'model-a = { workspace = true }',
  'model-b = { workspace = true }',
  '',
].join('\n');

const STAGING = [
  '[project]',
  'name = "staging"',
  'version = "0"',
  'dependencies = ["model-a", "model-b"]',
  '',
  '[tool.uv.sources]',
  'model-a = { git = "https://git.example.com/ml/model-a", tag = "v0.1.0.dev0" }',
  'model-b = { git = "https://git.example.com/ml/model-b", tag = "v0.1.0.dev0" }',
  '',
].join('\n');

const GITMODULES = [
  '[submodule "packages/model-a"]',
  '\tpath = packages/model-a',
  '\turl = https://git.example.com/ml/model-a.git',
  '\tignore = none',
  '[submodule "packages/model-b"]',
  '\tpath = packages/model-b',
  '\turl = https://git.example.com/ml/model-b.git',
  '\tignore = none',
  '',
].join('\n');

function workspace(extra: Record<string, string> = {}): Tree {
  const tree = diskTree({
    'pyproject.toml': ROOT,
    'uv.lock': 'version = 1\n',
    'staging/pyproject.toml': STAGING,
    'staging/uv.lock': 'version = 1\n',
    'prod/pyproject.toml': '[project]\nname = "prod"\nversion = "0"\ndependencies = []\n',
    '.gitmodules': GITMODULES,
    'packages/model-a/pyproject.toml': '[project]\nname = "model-a"\nversion = "0.1.0"\ndependencies = []\n',
    'packages/model-a/.git': 'gitdir: ../../.git/modules/packages/model-a\n',
    'packages/model-b/pyproject.toml':
      '[project]\nname = "model_b"\nversion = "0.1.0"\ndependencies = ["model-a>=0.1"]\n',
    'packages/model-b/.git': 'gitdir: ../../.git/modules/packages/model-b\n',
    ...extra,
  });
  for (const p of ['model-a', 'model-b']) mkdirSync(join(tree.root, '.git/modules/packages', p), { recursive: true });
  return tree;
}

const read = (tree: Tree, f: string) => readFileSync(join(tree.root, f), 'utf8');

describe('remove generator', () => {
  it('drops the package everywhere in the tree, prints the plan, removes the submodule after the flush and relocks', async () => {
    const tree = workspace();
    const f = fakeGitUv(tree.root);
    const callback = await removeGenerator(tree, { name: 'Model_B' }, f.deps);

    expect(tree.listChanges().map((c) => `${c.type} ${c.path}`)).toEqual([
      'UPDATE pyproject.toml',
      'UPDATE staging/pyproject.toml',
    ]);
    expect(tree.read('pyproject.toml', 'utf-8')).toBe(
      ROOT.replace('    "model-b",  # the second one\n', '')
        .replace('dev = ["pytest>=8", "model-b"]', 'dev = ["pytest>=8"]')
        .replace('model-b = { workspace = true }\n', ''),
    );
    expect(tree.read('staging/pyproject.toml', 'utf-8')).toBe(
      STAGING.replace('["model-a", "model-b"]', '["model-a"]').replace(
        'model-b = { git = "https://git.example.com/ml/model-b", tag = "v0.1.0.dev0" }\n',
        '',
      ),
    );
    expect(f.log).toEqual([
      '@mlws/nx: remove model-b (packages/model-b, submodule https://git.example.com/ml/model-b.git)',
      '@mlws/nx: after the files are written, runs (skipped with --dry-run):',
      '  git submodule absorbgitdirs -- packages/model-b',
      '  git submodule deinit --force -- packages/model-b',
      '  git rm --quiet --force -- packages/model-b',
      '  uv lock',
      '  uv lock --project staging',
      '  rm -rf .git/modules/packages/model-b',
    ]);
    expect(gitLines(tree.root, f.git)).toEqual([
      'git rev-parse --show-toplevel --absolute-git-dir',
      'git -C packages/model-b status --porcelain --untracked-files=all --ignored',
      `git --git-dir ${tree.root}/.git/modules/packages/model-b log --branches HEAD --not --remotes --oneline`,
      `git --git-dir ${tree.root}/.git/modules/packages/model-b stash list`,
      `git --git-dir ${tree.root}/.git/modules/packages/model-b rev-list --reflog --not --remotes --branches --tags HEAD`,
      `git --git-dir ${tree.root}/.git/modules/packages/model-b for-each-ref --format=%(objectname) %(refname) refs/tags`,
      'git diff --quiet -- .gitmodules',
    ]);

    f.git.length = 0;
    flush(tree);
    await callback();
    expect(gitLines(tree.root, f.git)).toEqual([
      'git submodule absorbgitdirs -- packages/model-b',
      'git submodule deinit --force -- packages/model-b',
      'git rm --quiet --force -- packages/model-b',
    ]);
    expect(existsSync(join(tree.root, '.git/modules/packages/model-b'))).toBe(false);
    expect(existsSync(join(tree.root, '.git/modules/packages/model-a'))).toBe(true);
    expect(f.uv.map((c) => c.args.join(' '))).toEqual(['lock', 'lock --project staging']);
    expect(f.log[f.log.length - 1]).toBe(
      '@mlws/nx: removed model-b (packages/model-b); commit it: git add --all -- .gitmodules pyproject.toml staging/pyproject.toml uv.lock staging/uv.lock && git commit -m "Remove model-b"',
    );
  });

  it('reads the environments from the plugin options', async () => {
    const tree = workspace({
      'nx.json': JSON.stringify({
        plugins: [{ plugin: '@mlws/nx', options: { environments: [{ name: 'qa', path: 'envs/qa' }] } }],
      }),
      'envs/qa/pyproject.toml': STAGING,
    });
    const f = fakeGitUv(tree.root);
    await removeGenerator(tree, { name: 'model-b', skipLock: true }, f.deps);
    expect(tree.listChanges().map((c) => c.path)).toEqual(['pyproject.toml', 'envs/qa/pyproject.toml']);
    expect(f.log).toContain('@mlws/nx: --skip-lock: relock the changed environments when ready (nx run-many -t lock)');
  });

  it('removes an uninitialised submodule named by its directory (no deinit; the name comes from the sources)', async () => {
    const t = diskTree({
      'pyproject.toml': ROOT,
      'staging/pyproject.toml': STAGING,
      '.gitmodules': GITMODULES,
      'packages/model-a/pyproject.toml': '[project]\nname = "model-a"\n',
    });
    mkdirSync(join(t.root, 'packages/model-b'));
    const f = fakeGitUv(t.root);
    const callback = await removeGenerator(t, { name: 'packages/model-b' }, f.deps);
    expect(f.log[0]).toBe(
      '@mlws/nx: remove model-b (packages/model-b, submodule https://git.example.com/ml/model-b.git)',
    );
    expect(f.log.slice(2)).toEqual(['  git rm --quiet --force -- packages/model-b']);
    expect(t.read('staging/pyproject.toml', 'utf-8')).not.toContain('model-b');
    flush(t);
    await callback();
  });

  it('removes a plain member with git rm (its leftovers are ignored files)', async () => {
    const tree = workspace({ 'packages/scratch/pyproject.toml': '[project]\nname = "scratch"\nversion = "0"\n' });
    const f = fakeGitUv(tree.root);
    const callback = await removeGenerator(tree, { name: 'scratch' }, f.deps);
    expect(f.log.slice(1)).toEqual([
      '@mlws/nx: after the files are written, runs (skipped with --dry-run):',
      '  git rm -r --quiet -- packages/scratch',
      '  uv lock',
      '  rm -rf packages/scratch',
    ]);
    flush(tree);
    await callback();
    expect(existsSync(join(tree.root, 'packages/scratch'))).toBe(false);
  });

  describe('refuses before writing anything', () => {
    const cases: Array<[string, string, string, Answer?]> = [
      [
        'an unknown package',
        'nope',
        '@mlws/nx: there is no package "nope" in the workspace (packages: model-a, model-b): nx g @mlws/nx:remove <name>, with a name from nx show projects',
      ],
      [
        'a package others depend on',
        'model-a',
        '@mlws/nx: model-b depends on model-a: drop model-a from the dependencies of model-b first, then remove it',
      ],
      [
        'uncommitted changes in the submodule',
        'model-b',
        '@mlws/nx: packages/model-b has uncommitted changes that would be lost: commit and push them, or discard them (git -C packages/model-b status shows them)',
        (c) => (c.args[0] === 'status' ? { stdout: '?? notes.txt\n' } : undefined),
      ],
      [
        'commits on no remote',
        'model-b',
        '@mlws/nx: packages/model-b has 2 commit(s) on no remote that would be lost: push them with git -C packages/model-b push (git -C packages/model-b log --branches HEAD --not --remotes lists them)',
        (c) => (c.args.includes('log') ? { stdout: 'abc one\ndef two\n' } : undefined),
      ],
      [
        'a stash',
        'model-b',
        '@mlws/nx: packages/model-b has stashed changes that would be lost: apply or drop them first (git -C packages/model-b stash list)',
        (c) => (c.args.includes('stash') ? { stdout: 'stash@{0}: WIP\n' } : undefined),
      ],
      [
        'unstaged .gitmodules changes',
        'model-b',
        '@mlws/nx: .gitmodules has unstaged changes, and git edits it for this: stage them first with git add .gitmodules (or git stash)',
        (c) => (c.args.includes('diff') ? { exitCode: 1 } : undefined),
      ],
    ];
    it.each(cases.map(([label, name, message, answer]) => ({ label, name, message, answer })))(
      '$label',
      async ({ name, message, answer }) => {
        const tree = workspace();
        const f = fakeGitUv(tree.root, answer);
        await expect(removeGenerator(tree, { name }, f.deps)).rejects.toThrow(message);
        expect(tree.listChanges()).toEqual([]);
      },
    );
  });

  describe('refuses what exists only here unless --force, listing it', () => {
    const cases: Array<[string, Answer, string]> = [
      [
        'ignored files (checkpoints, dist/), not caches',
        (c) =>
          c.args[0] === 'status'
            ? {
                stdout:
                  '!! ckpt/model.pt\n!! dist/model_b-0.1.0.tar.gz\n!! src/__pycache__/x.pyc\n!! .pytest_cache/v\n',
              }
            : undefined,
        '@mlws/nx: packages/model-b has ignored files that exist only here and would be lost (ckpt/model.pt, dist/model_b-0.1.0.tar.gz): move them out of packages/model-b first (git -C packages/model-b status --ignored lists them); or pass --force to remove it with all of that',
      ],
      [
        'commits only in the reflog',
        (c) => (c.args.includes('rev-list') ? { stdout: 'abc\n' } : undefined),
        '@mlws/nx: packages/model-b has 1 commit(s) reachable only from its reflog',
      ],
      [
        'a tag no remote has (the remote has another object under that name)',
        (c) =>
          c.args.includes('for-each-ref')
            ? { stdout: '1111 refs/tags/v9\n2222 refs/tags/v1\n' }
            : c.args.includes('remote') && c.args.length === 3
              ? { stdout: 'origin\n' }
              : c.args.includes('ls-remote')
                ? { stdout: '2222\trefs/tags/v1\n3333\trefs/tags/v9\n' }
                : undefined,
        '@mlws/nx: packages/model-b has tags no remote has that would be lost (v9): push them with git -C packages/model-b push origin --tags',
      ],
      [
        'several kinds at once, in one line',
        (c) =>
          c.args[0] === 'status'
            ? { stdout: ' M a.py\n!! out/\n' }
            : c.args.includes('stash')
              ? { stdout: 'stash@{0}: WIP\n' }
              : undefined,
        '@mlws/nx: packages/model-b has uncommitted changes that would be lost: commit and push them, or discard them (git -C packages/model-b status shows them); it also has ignored files out/; stashed changes; or pass --force',
      ],
    ];
    it.each(cases.map(([label, answer, message]) => ({ label, answer, message })))(
      '$label',
      async ({ answer, message }) => {
        const tree = workspace();
        await expect(removeGenerator(tree, { name: 'model-b' }, fakeGitUv(tree.root, answer).deps)).rejects.toThrow(
          message,
        );
        expect(tree.listChanges()).toEqual([]);
        const f = fakeGitUv(tree.root, answer);
        await removeGenerator(tree, { name: 'model-b', force: true }, f.deps);
        expect(
          f.log.find((l) => l.startsWith('@mlws/nx: --force: removes with packages/model-b what exists only here: ')),
        ).toBeDefined();
      },
    );

    it('a plain member with ignored files', async () => {
      const tree = workspace({ 'packages/scratch/pyproject.toml': '[project]\nname = "scratch"\nversion = "0"\n' });
      const f = fakeGitUv(tree.root, (c) =>
        c.args[0] === 'status' ? { stdout: '!! packages/scratch/weights.bin\n' } : undefined,
      );
      await expect(removeGenerator(tree, { name: 'scratch' }, f.deps)).rejects.toThrow(
        '@mlws/nx: packages/scratch has ignored files that exist only here and would be lost (packages/scratch/weights.bin): move them out of packages/scratch first (git status --ignored -- packages/scratch lists them)',
      );
    });
  });

  it('.gitmodules as a directory is one line with the fix', async () => {
    const tree = workspace();
    rmSync(join(tree.root, '.gitmodules'));
    mkdirSync(join(tree.root, '.gitmodules'));
    await expect(removeGenerator(tree, { name: 'model-b' }, fakeGitUv(tree.root).deps)).rejects.toThrow(
      '@mlws/nx: .gitmodules is a directory, but git reads submodules from a file of that name: rename the directory (mv .gitmodules <other name>), then restore the file with git checkout -- .gitmodules',
    );
  });

  describe('a crafted .gitmodules never makes it act outside .git/modules or the workspace', () => {
    const crafted = (name: string) => GITMODULES.replace('[submodule "packages/model-b"]', `[submodule "${name}"]`);
    it.each(['../../../victim', '../../packages/model-a', '/tmp/victim', 'x/../../y'])(
      'name %s: refused, nothing changed',
      async (name) => {
        const tree = workspace({ '.gitmodules': crafted(name) });
        const f = fakeGitUv(tree.root);
        await expect(removeGenerator(tree, { name: 'model-b' }, f.deps)).rejects.toThrow(
          /^@mlws\/nx: remove refused, nothing was changed: \.gitmodules: the submodule name ".*" (has a "\.\." part|is an absolute path), so git ignores it/,
        );
        expect(tree.listChanges()).toEqual([]);
        expect(f.git.map((c) => c.args[0])).toEqual(['rev-parse']);
      },
    );

    it("a valid name that is another submodule's git directory", async () => {
      const tree = workspace({
        '.gitmodules': crafted('packages/model-a').replace('[submodule "packages/model-a"]', '[submodule "a"]'),
      });
      await expect(removeGenerator(tree, { name: 'model-b' }, fakeGitUv(tree.root).deps)).rejects.toThrow(
        `@mlws/nx: remove refused, nothing was changed: packages/model-b/.git points at ${tree.root}/.git/modules/packages/model-b, not at ${tree.root}/.git/modules/packages/model-a, the git directory of submodule "packages/model-a"`,
      );
    });

    it("a name whose git directory holds another submodule's", async () => {
      const tree = workspace({ '.gitmodules': crafted('packages/model-a/inner') });
      await expect(removeGenerator(tree, { name: 'model-b', force: true }, fakeGitUv(tree.root).deps)).rejects.toThrow(
        '@mlws/nx: remove refused, nothing was changed: the git directory of submodule "packages/model-a/inner" and that of "packages/model-a" are nested',
      );
    });

    it('the remove step itself refuses a git directory that resolves outside .git/modules', async () => {
      const plan = removePlan({
        name: 'b',
        dir: 'packages/model-b',
        submodule: {
          url: 'u',
          checkedOut: false,
          modulesDir: '.git/modules/../../packages/model-a',
          modulesRoot: '.git/modules',
          gitmodules: '',
        },
        changedFiles: [],
        relock: [],
        restoreFiles: [],
      });
      const tree = workspace();
      const f = fakeGitUv(tree.root);
      await expect(
        runPlan({ ...plan, steps: plan.steps.slice(-1) }, { root: tree.root, git: f.deps.git, log: f.deps.log }),
      ).rejects.toThrow(
        /rm -rf \.git\/modules\/\.\.\/\.\.\/packages\/model-a failed: refused to delete .*: it resolves to .*packages\/model-a, outside \.git\/modules/,
      );
      expect(existsSync(join(tree.root, 'packages/model-a/pyproject.toml'))).toBe(true);
    });
  });

  describe('a failure in the callback', () => {
    it('a failed git rm re-initialises the submodule and puts .gitmodules and the pyprojects back', async () => {
      const tree = workspace();
      const f = fakeGitUv(tree.root, (c) =>
        c.args[0] === 'rm' ? { exitCode: 128, stderr: 'fatal: index.lock exists\n' } : undefined,
      );
      const callback = await removeGenerator(tree, { name: 'model-b' }, f.deps);
      flush(tree);
      f.git.length = 0;
      await expect(callback()).rejects.toThrow(
        '@mlws/nx: git rm --quiet --force -- packages/model-b failed: fatal: index.lock exists; rolled back, the workspace is as it was',
      );
      expect(gitLines(tree.root, f.git).slice(2)).toEqual([
        'git rm --quiet --force -- packages/model-b',
        'git reset --quiet -- .gitmodules packages/model-b',
        'git submodule update --init -- packages/model-b',
      ]);
      expect(read(tree, 'pyproject.toml')).toBe(ROOT);
      expect(read(tree, 'staging/pyproject.toml')).toBe(STAGING);
      expect(read(tree, '.gitmodules')).toBe(GITMODULES);
      expect(existsSync(join(tree.root, '.git/modules/packages/model-b'))).toBe(true);
      expect(f.uv).toEqual([]);
    });

    it('a failed relock (before the git directory is deleted) rolls the removal back, locks included', async () => {
      const tree = workspace();
      const f = fakeGitUv(tree.root, undefined, (c) =>
        c.args.includes('staging') ? { exitCode: 2, stderr: 'error: Failed to fetch\n' } : undefined,
      );
      const callback = await removeGenerator(tree, { name: 'model-b' }, f.deps);
      flush(tree);
      writeFileSync(join(tree.root, 'uv.lock'), 'relocked\n'); // what the dev relock wrote before staging's failed
      await expect(callback()).rejects.toThrow(
        '@mlws/nx: uv lock --project staging failed (Failed to fetch); rolled back, the workspace is as it was',
      );
      expect(gitLines(tree.root, f.git).slice(-2)).toEqual([
        'git reset --quiet -- .gitmodules packages/model-b',
        'git submodule update --init -- packages/model-b',
      ]);
      expect(read(tree, 'uv.lock')).toBe('version = 1\n');
      expect(read(tree, 'pyproject.toml')).toBe(ROOT);
      expect(read(tree, '.gitmodules')).toBe(GITMODULES);
      expect(existsSync(join(tree.root, '.git/modules/packages/model-b'))).toBe(true);
    });
  });
});

describe('remove plan', () => {
  it('never suggests a bare git add --all (git rm staged the removal)', () => {
    const plan = removePlan({
      name: 'scratch',
      dir: 'packages/scratch',
      plain: true,
      changedFiles: [],
      relock: [],
      restoreFiles: [],
    });
    expect(plan.done).toBe('removed scratch (packages/scratch); commit it: git commit -m "Remove scratch"');
    expect(plan.steps.map((s) => s.command)).toEqual([
      { program: 'git', cwd: '.', args: ['rm', '-r', '--quiet', '--', 'packages/scratch'] },
      { program: 'rm', path: 'packages/scratch' },
    ]);
  });
});
