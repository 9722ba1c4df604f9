import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Answer, fakeGitUv } from '../shared/__testing__/fake-git-uv';
import { removeGenerator } from './generator';
import { runPlan } from '../../plan/run-plan';
import { removePlan } from './plan';
import { GITMODULES, workspace } from './__testing__/remove-workspace';

describe('remove generator', () => {
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
});
