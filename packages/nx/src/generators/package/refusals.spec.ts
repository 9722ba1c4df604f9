import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Answer, diskTree, fakeGitUv } from '../shared/__testing__/fake-git-uv';
import { packageGenerator } from './generator';
import { URL, workspace } from './__testing__/package-workspace';

describe('package generator', () => {
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
      f.deps.uv = async () => ({ ok: false, message: 'uv is not on PATH: install uv' });
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
});
