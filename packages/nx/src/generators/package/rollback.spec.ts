import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGitUv, flush, gitLines, ROOT_PYPROJECT } from '../shared/__testing__/fake-git-uv';
import { packageGenerator } from './generator';
import { URL, workspace } from './__testing__/package-workspace';

describe('package generator', () => {
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
