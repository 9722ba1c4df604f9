import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitClient } from '../git/git-client';
import { findHiddenMembers, hiddenMemberProblems } from './hidden-members';
import { classifyFiles, readWorkspaceModel } from './read-workspace';
import { normalizeOptions } from '../model/options';

const files: Record<string, string> = {
  'pyproject.toml':
    '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/docs"]\n',
  'packages/a/pyproject.toml': '[project]\nname = "a"\n',
  'packages/b/pyproject.toml': '[project]\nname = "b"\n',
  'packages/docs/pyproject.toml': '[project]\nname = "docs"\n',
  'packages/c/README.md': '# not a package\n',
  '.gitmodules':
    '[submodule "packages/a"]\n\tpath = packages/a\n\turl = ../a.git\n[submodule "packages/b"]\n\tpath = packages/b\n\turl = ../b.git\n',
};

/** git whose check-ignore hides `packages/<x>/pyproject.toml` by `.gitignore:4 packages/*\/*` for the dirs in `hidden`. */
function fakeGit(hidden: string[], calls: string[][] = []): GitClient {
  return {
    run: async (args, options) => {
      calls.push([...args]);
      const out = (options?.input ?? '')
        .split('\0')
        .filter((p) => hidden.some((d) => p.startsWith(`${d}/`)))
        .map((p) => `.gitignore\u00004\u0000packages/*/*\u0000${p}\u0000`)
        .join('');
      return { exitCode: out ? 0 : 1, stdout: out, stderr: '' };
    },
    must: async () => '',
  };
}

describe('members hidden from Nx', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-hidden-'));
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    mkdirSync(join(root, 'packages/a/.git'));
    mkdirSync(join(root, 'packages/b/.git'));
    process.env.NX_WORKSPACE_DATA_DIRECTORY = join(root, '.nx', 'workspace-data');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
  });

  it('are the members whose pyproject is on disk but not among the files Nx matched (excluded members and plain directories are not)', () => {
    expect(findHiddenMembers(root, ['packages/*'], ['packages/docs'], new Set(['.', 'packages/a']))).toEqual([
      'packages/b',
    ]);
    expect(
      findHiddenMembers(root, ['packages/*'], [], new Set(['.', 'packages/a', 'packages/b', 'packages/docs'])),
    ).toEqual([]);
  });

  it('are reported with the ignore file, its line and the fix, never as checkouts without a pyproject', async () => {
    // what Nx gives when the root .gitignore has packages/*/*: the root pyproject only
    const model = readWorkspaceModel(root, classifyFiles(['pyproject.toml', '.gitmodules']), normalizeOptions({}));
    expect(model.hiddenMembers).toEqual(['packages/a', 'packages/b']);
    expect(model.problems.map((p) => p.message).join('\n')).not.toContain('has no pyproject.toml');
    const calls: string[][] = [];
    expect(await hiddenMemberProblems(root, model, { git: fakeGit(['packages/a', 'packages/b'], calls) })).toEqual([
      {
        level: 'warn',
        message:
          'packages/a, packages/b are uv workspace members that Nx does not see: .gitignore:4 (packages/*/*) hides their files from Nx, so Nx finds no pyproject.toml and no sources there: ' +
          'run nx g @mlws/nx:init (it re-includes them for Nx in .nxignore; git is unchanged), or put these lines in .nxignore: !/packages/ !/packages/*/ !/packages/*/**',
      },
    ]);
    expect(calls).toEqual([['check-ignore', '-v', '-z', '--no-index', '--stdin']]);
  });

  it('asks git nothing when Nx sees every member', async () => {
    const model = readWorkspaceModel(
      root,
      classifyFiles(['pyproject.toml', 'packages/a/pyproject.toml', 'packages/b/pyproject.toml']),
      normalizeOptions({}),
    );
    expect(model.hiddenMembers).toBeUndefined();
    const calls: string[][] = [];
    expect(await hiddenMemberProblems(root, model, { git: fakeGit([], calls) })).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('without a rule git knows (a .nxignore line), still says the members are hidden and how to show them', async () => {
    const model = readWorkspaceModel(root, classifyFiles(['pyproject.toml']), normalizeOptions({}));
    const [p] = await hiddenMemberProblems(root, model, { git: fakeGit([]) });
    expect(p.message).toMatch(
      /^packages\/a, packages\/b are uv workspace members that Nx does not see: an ignore rule \(\.nxignore/,
    );
  });
});
