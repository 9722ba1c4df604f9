/**
 * The npm package as `npm publish` would send it: `npm pack --dry-run --json` of the built dist
 * (what globalSetup built) holds the README, LICENSE, CHANGELOG, the manifests and every file they
 * name, the package.json fields the registry shows, and nothing of the tests. Then the way the
 * README says to try it before it is published: a tarball installed into a workspace, and init.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  assertSuccess,
  createWorkspaceFromTemplate,
  describeWithTools,
  run,
  runNx,
  tmpDir,
  workspaceEnv,
} from './utils';

const dist = join(REPO_ROOT, 'dist', 'packages', 'nx');
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

describeWithTools(['git'], 'npm package', () => {
  let packed: PackResult;
  let paths: Set<string>;
  beforeAll(async () => {
    const r = assertSuccess(
      await run('npm', ['pack', '--dry-run', '--json'], { cwd: dist, env: workspaceEnv() }),
      dist,
    );
    [packed] = JSON.parse(r.stdout) as PackResult[];
    paths = new Set(packed.files.map((f) => f.path));
  });

  it('holds README, LICENSE, CHANGELOG and the package.json fields the registry shows', () => {
    const pkg = readJson(join(REPO_ROOT, 'packages', 'nx', 'package.json'));
    expect(packed.name).toBe('@mlws/nx');
    expect(packed.version).toBe(pkg.version);
    for (const f of [
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
      'executors.json',
      'generators.json',
      'src/index.js',
      'src/index.d.ts',
    ]) {
      expect(paths.has(f)).toBe(true);
    }
    const shipped = readJson(join(dist, 'package.json'));
    expect(shipped.license).toBe('MIT');
    expect(readFileSync(join(dist, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(shipped.repository).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/),
      directory: 'packages/nx',
    });
    const repo = shipped.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(shipped.homepage).toBe(`${repo}#readme`);
    expect(shipped.bugs).toEqual({ url: `${repo}/issues` });
    expect(readFileSync(join(dist, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
    // the README shown on the registry says how to install it and where the docs are
    const readme = readFileSync(join(dist, 'README.md'), 'utf8');
    expect(readme).toContain('nx add @mlws/nx');
    expect(readme).toContain(repo);
  });

  it('ships every executor and generator the manifests name, with its schema', () => {
    for (const [manifest, key] of [
      ['executors.json', 'executors'],
      ['generators.json', 'generators'],
    ] as const) {
      const entries = readJson(join(dist, manifest))[key] as Record<
        string,
        { implementation?: string; factory?: string; schema: string }
      >;
      expect(Object.keys(entries).length).toBeGreaterThan(3);
      for (const [name, e] of Object.entries(entries)) {
        const impl = (e.implementation ?? e.factory ?? '').replace(/^\.\//, '').replace(/#.*$/, '');
        expect([name, paths.has(`${impl}.js`) || paths.has(impl)]).toEqual([name, true]);
        expect([name, paths.has(e.schema.replace(/^\.\//, ''))]).toEqual([name, true]);
      }
    }
  });

  it('carries nothing of the tests and no sources or source maps', () => {
    const unwanted = [...paths].filter((p) =>
      /(\.spec\.|__testing__|__fixtures__|__snapshots__|\.map$|\.tsbuildinfo$|(?<!\.d)\.ts$|^node_modules\/)/.test(p),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs from a tarball before it is published (npm i -D ./mlws-nx-<version>.tgz) and init runs', async () => {
    const out = tmpDir('tarball');
    const r = assertSuccess(
      await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: dist, env: workspaceEnv() }),
      dist,
    );
    const tarball = join(out, (JSON.parse(r.stdout) as PackResult[])[0].filename);
    expect(existsSync(tarball)).toBe(true);
    const ws = await createWorkspaceFromTemplate('tarball-ws');
    assertSuccess(
      await run('npm', ['install', '--save-dev', tarball], { cwd: ws, env: workspaceEnv(), timeoutMs: 5 * 60 * 1000 }),
      ws,
    );
    expect(readJson(join(ws, 'package.json')).devDependencies['@mlws/nx']).toMatch(/^file:.*mlws-nx-.*\.tgz$/);
    expect(existsSync(join(ws, 'node_modules', '@mlws', 'nx', 'CHANGELOG.md'))).toBe(true);
    const init = assertSuccess(await runNx(ws, ['g', '@mlws/nx:init', '--skipFormat']), ws);
    expect(init.stdout).toContain('@mlws/nx: new uv workspace');
    expect(existsSync(join(ws, 'pyproject.toml'))).toBe(true);
  });
});
