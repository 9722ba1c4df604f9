import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGitUv, flush, gitLines } from '../shared/__testing__/fake-git-uv';
import { removeGenerator } from './generator';
import { ROOT, STAGING, GITMODULES, workspace, read } from './__testing__/remove-workspace';

describe('remove generator', () => {
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
