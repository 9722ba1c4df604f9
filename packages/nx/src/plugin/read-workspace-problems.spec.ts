import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normalizeOptions } from '../model/options';
import { readWorkspaceModel } from './read-workspace';

function workspace(files: Record<string, string | Buffer>, dirs: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'mlws-problems-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  return root;
}

const ROOT =
  '[project]\nname = "ws"\ndependencies = ["a"]\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[tool.uv.sources]\na = { workspace = true }\n';
const A = '[project]\nname = "a"\nversion = "1.0.0"\n';

function model(files: Record<string, string | Buffer>, dirs: string[] = []) {
  process.env.NX_CACHE_PROJECT_GRAPH = 'false';
  const root = workspace(files, dirs);
  const pyprojects = Object.keys(files).filter((f) => f.endsWith('pyproject.toml'));
  return readWorkspaceModel(root, { pyprojects, dockerfiles: [] }, normalizeOptions({ environments: [] }));
}

describe('graph problems where uv refuses the workspace', () => {
  afterEach(() => delete process.env.NX_CACHE_PROJECT_GRAPH);

  it('members as a string: no packages, and a line naming the file, the key and the fix', () => {
    const m = model({
      'pyproject.toml': ROOT.replace('members = ["packages/*"]', 'members = "packages/*"'),
      'packages/a/pyproject.toml': A,
    });
    expect(m.packages).toEqual([]);
    expect(m.problems.map((p) => p.message)).toContain(
      'pyproject.toml: [tool.uv.workspace] members must be an array of glob strings, not a string ("packages/*"), and uv refuses it: write members = ["packages/*"]',
    );
  });

  it('a member with dependencies as a string or a wrongly typed source', () => {
    const m = model({
      'pyproject.toml': ROOT,
      'packages/a/pyproject.toml': `${A}dependencies = "numpy"\n[tool.uv.sources]\nnumpy = "https://x"\n`,
    });
    expect(m.problems.map((p) => `${p.level} ${p.message.split(',')[0]}`)).toEqual([
      'error packages/a/pyproject.toml: [project] dependencies must be an array of requirement strings',
      'error packages/a/pyproject.toml: [tool.uv.sources] numpy must be a table or an array of tables',
    ]);
  });

  it('a member whose pyproject.toml is a directory', () => {
    const m = model({ 'pyproject.toml': ROOT, 'packages/a/pyproject.toml': A }, [
      'packages/b/pyproject.toml',
      'packages/c',
      'other/d/pyproject.toml',
    ]);
    expect(m.problems.map((p) => p.message)).toEqual([
      'packages/b/pyproject.toml is a directory, not a file, and uv refuses the workspace (packages/b is a member by [tool.uv.workspace] members): remove or rename that directory, or add "packages/b" to [tool.uv.workspace] exclude',
    ]);
  });

  it('a root or environment pyproject.toml that is a directory', () => {
    process.env.NX_CACHE_PROJECT_GRAPH = 'false';
    const root = workspace({ 'packages/a/pyproject.toml': A }, ['pyproject.toml', 'staging/pyproject.toml']);
    const m = readWorkspaceModel(
      root,
      { pyprojects: ['packages/a/pyproject.toml'], dockerfiles: [] },
      normalizeOptions({}),
    );
    expect(m.problems.map((p) => p.message)).toEqual([
      'pyproject.toml is a directory, not a file, and uv refuses it (the workspace root): remove or rename that directory and write the pyproject.toml',
      'staging/pyproject.toml is a directory, not a file, and uv refuses it (the environment in staging): remove or rename that directory and write the pyproject.toml',
    ]);
  });

  it('a pyproject that is not UTF-8', () => {
    const m = model({
      'pyproject.toml': ROOT,
      'packages/a/pyproject.toml': Buffer.concat([Buffer.from('# '), Buffer.from([0xff]), Buffer.from(`\n${A}`)]),
    });
    expect(m.packages).toEqual([]);
    expect(m.problems.map((p) => p.message)[0]).toMatch(
      /^packages\/a\/pyproject\.toml is not UTF-8 \(byte 0xff on line 1\), and uv refuses such a file too/,
    );
  });

  it('a .gitmodules URL the plugin refuses', () => {
    const m = model({
      'pyproject.toml': ROOT,
      'packages/a/pyproject.toml': A,
      '.gitmodules': '[submodule "a"]\n\tpath = packages/a\n\turl = ext::sh -c touch% /tmp/pwned\n',
    });
    expect(m.problems.map((p) => p.message)).toEqual([
      '.gitmodules: packages/a has the URL "ext::sh -c touch% /tmp/pwned", which @mlws/nx refuses (remote-helper transports (ext::, fd::) are not allowed): set an https or ssh URL with git config -f .gitmodules submodule.a.url <url>, then run git submodule sync',
    ]);
  });
});
