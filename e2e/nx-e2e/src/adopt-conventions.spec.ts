/**
 * Adopting a repository built the way the product describes, but with ITS conventions (issue 12):
 * the plugin reads them instead of assuming its own. One repository, made like a real one:
 *
 *   packages/core          submodule, tags unprefixed (0.1.2, 0.1.3.dev0); .gitmodules and the
 *                          checkout's remote say https://github.com/acme/core.git, which the user's
 *                          url.<base>.insteadOf (GIT_CONFIG_* variables, never a config file)
 *                          rewrites to the local bare remote
 *   packages/extra         submodule from a plain-path URL (/tmp/…/remotes/extra.git)
 *   tools/release_tool     submodule outside the members; the root's path source says "release_tool"
 *   pyproject.toml         only cu124 and cu128 extras, each with its explicit index (unreachable)
 *   staging/pyproject.toml requires core only, but pins extra-pkg in [tool.uv.sources] too
 *
 * What a user checks: the graph problem naming tools/release_tool, no cpu configuration, no
 * staging → extra-pkg edge and a refused extra-pkg:sync:staging, nx sync writing file:// for the
 * plain path, the index named in the lock failure, and a release that plans 0.1.3.dev1 (not
 * v0.1.3.dev1), keeps the staging pin's https spelling and creates the GitHub release on acme/core.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startGithubApi, type GithubApiServer } from '../../../tools/fixtures/github-api';
import { assertSuccess, createWorkspaceFromTemplate, describeWithTools, git, gitEnv, runNx, tmpDir } from './utils';
import { outputOf } from './utils/uv';

jest.setTimeout(10 * 60 * 1000);

const TOKEN = 'ghp_adoptT0kenNeverPrinted';
const CORE_URL = 'https://github.com/acme/core.git';
const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const write = (root: string, rel: string, text: string) => {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
};
const pyproject = (name: string, version: string) =>
  `[project]\nname = "${name}"\nversion = "${version}"\nrequires-python = ">=3.10"\ndependencies = []\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[tool.hatch.build.targets.wheel]\npackages = ["src/${name.replace(/-/g, '_')}"]\n`;

/** A port nothing listens on (bound, then closed): the index there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A package repository pushed to a bare remote, with its version tags (one commit per version). */
async function packageRemote(
  remotes: string,
  name: string,
  versions: Array<{ version: string; tag?: string }>,
): Promise<string> {
  const work = join(remotes, '..', 'work', name);
  mkdirSync(join(work, 'src', name.replace(/-/g, '_')), { recursive: true });
  await git(work, ['init', '--quiet', '--initial-branch=main']);
  writeFileSync(join(work, 'src', name.replace(/-/g, '_'), '__init__.py'), '');
  for (const v of versions) {
    writeFileSync(join(work, 'pyproject.toml'), pyproject(name, v.version));
    await git(work, ['add', '--all']);
    await git(work, ['commit', '--quiet', '-m', `${name} ${v.version}`]);
    if (v.tag) await git(work, ['tag', v.tag]);
  }
  const bare = join(remotes, `${name}.git`);
  await git(remotes, ['clone', '--quiet', '--bare', work, bare]);
  return bare;
}

describeWithTools(['git', 'uv'], 'adopting a repository with its own conventions', () => {
  let root: string;
  let remotes: string;
  let api: GithubApiServer;
  let port: number;
  /** The user's insteadOf, as environment variables (index 2: gitEnv uses 0 and 1). */
  let insteadOf: Record<string, string>;
  const env = () => ({ ...insteadOf, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url, GH_TOKEN: undefined });

  beforeAll(async () => {
    root = await createWorkspaceFromTemplate('adopt');
    remotes = join(tmpDir('adopt-remotes'), 'remotes');
    mkdirSync(remotes, { recursive: true });
    const core = await packageRemote(remotes, 'core', [
      { version: '0.1.2', tag: '0.1.2' },
      { version: '0.1.3.dev0', tag: '0.1.3.dev0' },
    ]);
    const extra = await packageRemote(remotes, 'extra-pkg', [{ version: '0.1.0', tag: '0.1.0' }]);
    const tool = await packageRemote(remotes, 'release-tool', [{ version: '0.3.0' }]);
    insteadOf = {
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: `url.file://${remotes}/.insteadOf`,
      GIT_CONFIG_VALUE_2: 'https://github.com/acme/',
    };
    api = await startGithubApi({ token: TOKEN, repositories: { 'acme/core': core } });
    port = await closedPort();

    // submodules as their authors added them: core by its GitHub URL (reached through insteadOf),
    // extra and the release tool by plain paths
    await git(root, ['submodule', 'add', '--quiet', CORE_URL, 'packages/core'], insteadOf);
    await git(root, ['submodule', 'add', '--quiet', extra, 'packages/extra']);
    await git(root, ['submodule', 'add', '--quiet', tool, 'tools/release_tool']);
    const index = (backend: string) => [
      `[[tool.uv.index]]`,
      `name = "pytorch-${backend}"`,
      `url = "http://127.0.0.1:${port}/whl/${backend}"`,
      'explicit = true',
      '',
    ];
    write(
      root,
      'pyproject.toml',
      [
        '[project]',
        'name = "adopted"',
        'version = "0.1.0"',
        'requires-python = ">=3.10"',
        'dependencies = ["core", "extra-pkg", "release-tool"]',
        '',
        '[project.optional-dependencies]',
        'cu124 = ["torch"]',
        'cu128 = ["torch"]',
        '',
        '[tool.uv]',
        'conflicts = [[{ extra = "cu124" }, { extra = "cu128" }]]',
        '',
        '[tool.uv.workspace]',
        'members = ["packages/*"]',
        '',
        '[tool.uv.sources]',
        'core = { workspace = true }',
        'extra-pkg = { workspace = true }',
        'release-tool = { path = "release_tool" }',
        'torch = [{ index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cu128", extra = "cu128" }]',
        '',
        ...index('cu124'),
        ...index('cu128'),
      ].join('\n'),
    );
    const envPyproject = (name: string, extraPin: string) =>
      [
        '[project]',
        `name = "adopted-${name}"`,
        'version = "0.1.0"',
        'requires-python = ">=3.10"',
        'dependencies = ["core"]',
        '',
        '[tool.uv.sources]',
        `core = { git = "${CORE_URL}", tag = "${name === 'staging' ? '0.1.3.dev0' : '0.1.2'}" }`,
        extraPin,
        '',
      ].join('\n');
    // extra-pkg: pinned, not required (uv does not install it); its pin still names an old home
    write(
      root,
      'staging/pyproject.toml',
      envPyproject('staging', 'extra-pkg = { git = "https://example.invalid/old/extra-pkg.git", tag = "0.1.0" }'),
    );
    write(root, 'prod/pyproject.toml', envPyproject('prod', ''));
    write(root, 'docker/Dockerfile-uv', 'FROM scratch AS base\nFROM base AS dev\nFROM base AS prod\n');
    await git(root, ['add', '--all']);
    await git(root, ['commit', '--quiet', '-m', 'A uv workspace of submodules, as its authors left it']);
    assertSuccess(await runNx(root, ['g', '@mlws/nx:init', '--no-interactive'], insteadOf), root);
    await git(root, ['add', '--all']);
    await git(root, ['commit', '--quiet', '--allow-empty', '-m', 'Nx with @mlws/nx']);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a path source that points nowhere is reported at graph time and by nx sync --check, naming tools/release_tool', async () => {
    const line =
      'pyproject.toml: [tool.uv.sources] release-tool = { path = "release_tool" } points at release_tool, which does not exist; tools/release_tool holds release-tool: write path = "tools/release_tool" in pyproject.toml, then lock again';
    const shown = assertSuccess(await runNx(root, ['show', 'projects'], insteadOf), root);
    expect(outputOf(shown)).toContain(line);
    const check = await runNx(root, ['sync', '--check'], insteadOf);
    expect(check.code).not.toBe(0);
    expect(outputOf(check)).toContain(line);
    // the fix it names works: the problem is gone
    write(
      root,
      'pyproject.toml',
      read(root, 'pyproject.toml').replace('path = "release_tool"', 'path = "tools/release_tool"'),
    );
    expect(outputOf(assertSuccess(await runNx(root, ['show', 'projects'], insteadOf), root))).not.toContain(
      'points at release_tool',
    );
    await git(root, ['commit', '--quiet', '-am', 'release-tool: the path it has']);
  });

  it('targets offer only the backends the root declares: no cpu configuration from the defaults', async () => {
    const dev = JSON.parse(
      assertSuccess(await runNx(root, ['show', 'project', 'dev', '--json'], insteadOf), root).stdout,
    );
    expect(Object.keys(dev.targets['docker-build'].configurations)).toEqual(['cu124', 'cu128']);
    expect(Object.keys(dev.targets['docker-run'].configurations)).toEqual(['cu124', 'cu128']);
    expect(JSON.stringify(dev.targets)).not.toContain('"cpu"');
  });

  it('an environment links to what it requires: no staging → extra-pkg edge, and extra-pkg:sync:staging is refused with the fix', async () => {
    assertSuccess(await runNx(root, ['graph', '--file=dist/graph.json'], insteadOf), root);
    const graph = JSON.parse(read(root, 'dist/graph.json')).graph;
    const staging = (graph.dependencies.staging as Array<{ target: string }>).map((d) => d.target);
    expect(staging).toContain('core');
    expect(staging).not.toContain('extra-pkg');
    const sync = await runNx(root, ['run', 'extra-pkg:sync:staging', '--output-style=static'], insteadOf);
    expect(sync.code).not.toBe(0);
    expect(outputOf(sync)).toContain(
      '@mlws/nx: the staging environment does not install extra-pkg: staging/pyproject.toml pins it in [tool.uv.sources] but no requirement of staging needs it (uv installs only what is required); add "extra-pkg" to [project].dependencies of staging/pyproject.toml and run nx run staging:lock',
    );
    expect(outputOf(sync)).not.toContain('already synced');
  });

  it('an unreachable index: the lock failure names the index, its URL and the per-run override', async () => {
    const r = await runNx(root, ['run', 'dev:lock', '--output-style=static'], insteadOf);
    expect(r.code).not.toBe(0);
    const out = outputOf(r);
    expect(out).toMatch(
      new RegExp(
        `the package index "pytorch-cu12[48]" \\(http://127\\.0\\.0\\.1:${port}/whl/cu12[48], \\[\\[tool\\.uv\\.index\\]\\] in pyproject\\.toml\\) could not be reached \\(Connection refused\\): .*UV_INDEX=pytorch-cu12[48]=<url>`,
      ),
    );
    expect(out).not.toContain("see uv's output above");
  });

  it('a plain-path .gitmodules URL: nx sync writes the file:// URL uv reads into staging', async () => {
    const check = await runNx(root, ['sync', '--check'], insteadOf);
    expect(check.code).not.toBe(0);
    expect(outputOf(check)).toContain(
      `staging/pyproject.toml: extra-pkg pins https://example.invalid/old/extra-pkg.git, but .gitmodules has ${remotes}/extra-pkg.git for packages/extra (written as file://${remotes}/extra-pkg.git, the spelling uv reads)`,
    );
    assertSuccess(await runNx(root, ['sync'], insteadOf), root);
    const staging = read(root, 'staging/pyproject.toml');
    expect(staging).toContain(`extra-pkg = { git = "file://${remotes}/extra-pkg.git", tag = "0.1.0" }`);
    // core's .gitmodules URL is the configured https one: its pin is left as it is
    expect(staging).toContain(`core = { git = "${CORE_URL}", tag = "0.1.3.dev0" }`);
    await git(root, ['commit', '--quiet', '-am', 'nx sync']);
  });

  it('release --dry-run plans the unprefixed tag the package uses', async () => {
    const r = assertSuccess(
      await runNx(root, ['run', 'core:release', '--bump=dev', '--dry-run', '--output-style=static'], env()),
      root,
    );
    const out = outputOf(r);
    expect(out).toContain('@mlws/nx: release core 0.1.3.dev0 → 0.1.3.dev1 (--bump dev), tag 0.1.3.dev1 — dry run');
    expect(out).toContain('tag prefix of packages/core: unprefixed');
    expect(out).not.toContain('v0.1.3.dev1');
    expect(out).not.toContain(TOKEN);
  });

  it('with insteadOf active, release keeps the staging pin spelling and releases on the configured owner/repo', async () => {
    const r = assertSuccess(
      await runNx(root, ['run', 'core:release', '--bump=dev', '--output-style=static'], env()),
      root,
    );
    expect(outputOf(r)).not.toContain(TOKEN);
    // pushed through the rewrite to the bare remote, tag unprefixed
    expect(await git(join(remotes, 'core.git'), ['tag', '--list'])).toBe('0.1.2\n0.1.3.dev0\n0.1.3.dev1');
    // the staging pin: only the tag changed; the configured URL, never the rewritten file:// one
    const staging = read(root, 'staging/pyproject.toml');
    expect(staging).toContain(`core = { git = "${CORE_URL}", tag = "0.1.3.dev1" }`);
    expect(staging).not.toContain(`file://${remotes}/core`);
    expect(read(root, 'staging/uv.lock')).toContain('https://github.com/acme/core.git?tag=0.1.3.dev1');
    // the GitHub stand-in got the owner/repo of the configured URL
    expect(api.requests.map((q) => [q.method, q.path])).toEqual([
      ['GET', '/repos/acme/core/releases/tags/0.1.3.dev1'],
      ['POST', '/repos/acme/core/releases'],
    ]);
    expect(gitEnv()['GIT_CONFIG_COUNT']).toBe('2'); // the rewrite lived only in this test's variables
  });
});
