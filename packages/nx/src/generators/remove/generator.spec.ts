import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diskTree, fakeGitUv, flush, gitLines } from '../shared/__testing__/fake-git-uv';
import { removeGenerator } from './generator';
import { ROOT, STAGING, GITMODULES, workspace } from './__testing__/remove-workspace';

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

  it('.gitmodules as a directory is one line with the fix', async () => {
    const tree = workspace();
    rmSync(join(tree.root, '.gitmodules'));
    mkdirSync(join(tree.root, '.gitmodules'));
    await expect(removeGenerator(tree, { name: 'model-b' }, fakeGitUv(tree.root).deps)).rejects.toThrow(
      '@mlws/nx: .gitmodules is a directory, but git reads submodules from a file of that name: rename the directory (mv .gitmodules <other name>), then restore the file with git checkout -- .gitmodules',
    );
  });
});
