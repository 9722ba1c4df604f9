/**
 * Generators for the environments, end to end: real Nx, real git (bare remotes with tags), real uv,
 * and the PyTorch index stand-in (tools/fixtures/torch-index) so every `uv lock` resolves torch per
 * backend without the network.
 *
 *   init        empty workspace → scaffold (files, uv lock of dev/staging/prod); `nx add` path;
 *               `npx create-nx-workspace ml --preset=@mlws/nx` (the preset generator)
 *   adopt       the playground → `nx add @mlws/nx` leaves every pyproject byte-identical
 *   nx sync     --check fails with one line per problem, nx sync fixes them, --check passes
 *   pin         missing tag → one line, nothing changed; --dry-run runs nothing; pinned + relocked
 *   promote     plan table; --dry-run changes nothing; applied → prod pins the stable tag
 *   environment qa → pyproject + nx.json; pinned and locked
 *   backend     cu126 → extra, conflict, route, index, CUDA version; the locks follow
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startTorchIndex,
  TORCH_BACKENDS,
  writeTorchIndex,
  type TorchIndexServer,
} from '../../../tools/fixtures/torch-index';
import {
  assertSuccess,
  createPlaygroundWorkspace,
  createWorkspaceFromTemplate,
  describeWithTools,
  git,
  readVersions,
  run,
  runNx,
  tmpDir,
  uvCommand,
  type PlaygroundWorkspace,
  type RunResult,
} from './utils';
import { workspaceEnv } from './utils/run';
import { createUvPlaygroundWorkspace, outputOf } from './utils/uv';

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const uv = (cwd: string, args: string[]) =>
  run(uvCommand(), args, { cwd, env: { VIRTUAL_ENV: undefined }, timeoutMs: 5 * 60 * 1000 });
const log = (title: string, text: string) =>
  process.stdout.write(`\n[generators-environments] ${title}\n${text.trim()}\n`);
/** The plugin's own lines (`@mlws/nx: …` and the plan table below them) from an Nx run. */
const pluginLines = (r: RunResult) =>
  outputOf(r)
    .split('\n')
    .filter((l) => l.startsWith('@mlws/nx:') || l.startsWith('  '))
    .join('\n');
const status = async (root: string) => (await git(root, ['status', '--porcelain'])).trimEnd();
const commitAll = async (root: string, message: string) => {
  await git(root, ['add', '--all']);
  await git(root, ['commit', '--quiet', '-m', message]);
};
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An annotated tag on a bare remote, on the commit another tag points at (a release "happened"). */
const tagRemote = (remotesDir: string, repo: string, tag: string, on: string) =>
  git(join(remotesDir, `${repo}.git`), ['tag', '-a', tag, '-m', `Release ${tag}`, `${on}^{commit}`]);

describeWithTools(['git', 'uv'], 'generators: init, adopt, nx sync, pin, promote, environment, backend', () => {
  let index: TorchIndexServer;

  beforeAll(async () => {
    const dir = tmpDir('torch-index');
    writeTorchIndex(dir, { backends: [...TORCH_BACKENDS, 'cu126'] });
    index = await startTorchIndex(dir);
  });
  afterAll(async () => {
    await index?.stop();
  });

  describe('init in an empty workspace', () => {
    it('--dry-run lists the files and writes none; then scaffolds a workspace uv can lock', async () => {
      const ws = await createWorkspaceFromTemplate('init');
      const args = ['g', '@mlws/nx:init', `--torch-index-url=${index.url}`, '--no-interactive'];
      const dry = assertSuccess(await runNx(ws, [...args, '--dry-run']), ws);
      for (const f of [
        'pyproject.toml',
        'staging/pyproject.toml',
        'prod/pyproject.toml',
        '.python-version',
        'docker/Dockerfile-uv',
      ]) {
        expect(dry.stdout).toContain(`CREATE ${f}`);
        expect(existsSync(join(ws, f))).toBe(false);
      }
      expect(await status(ws)).toBe('');

      const r = assertSuccess(await runNx(ws, args), ws);
      log('nx g @mlws/nx:init (empty workspace)', pluginLines(r));
      expect(outputOf(r)).toContain(
        `@mlws/nx: new uv workspace "workspace": backends cpu, cu124, cu128 (indexes under ${index.url}), Python 3.11`,
      );
      const root = read(ws, 'pyproject.toml');
      expect(root).toContain('[tool.uv.workspace]\nmembers = ["packages/*"]\n');
      expect(root).toContain('[dependency-groups]\ndev = ["pytest", "ruff"]\n');
      for (const b of ['cpu', 'cu124', 'cu128']) {
        expect(root).toContain(
          `[[tool.uv.index]]\nname = "pytorch-${b}"\nurl = "${index.url}/${b}"\nexplicit = true\n`,
        );
        expect(root).toContain(`    { index = "pytorch-${b}", extra = "${b}" },\n`);
        expect(root).toContain(`        { extra = "${b}" },\n`);
      }
      expect(read(ws, 'prod/pyproject.toml')).not.toContain('dependency-groups');
      expect(read(ws, 'staging/pyproject.toml')).toContain('[tool.uv.sources]\ntorch = [');
      expect(read(ws, '.python-version')).toBe('3.11\n');
      expect(read(ws, '.gitignore')).toContain('.venv/');
      expect(JSON.parse(read(ws, 'nx.json')).sync).toEqual({ globalGenerators: ['@mlws/nx:sync'] });

      for (const project of [[], ['--project', 'staging'], ['--project', 'prod']]) {
        assertSuccess(await uv(ws, ['lock', ...project]), ws);
      }
      const lock = read(ws, 'uv.lock');
      for (const b of ['cpu', 'cu124', 'cu128'])
        expect(lock).toContain(`name = "torch"\nversion = "2.5.1+${b}"\nsource = { registry = "${index.url}/${b}" }`);
      expect(lock).toContain('name = "pytest"');
      expect(read(ws, 'prod/uv.lock')).toContain('version = "2.5.1+cu128"');
      const projects = JSON.parse(
        assertSuccess(await runNx(ws, ['show', 'projects', '--json']), ws).stdout,
      ) as string[];
      expect(projects).toEqual(expect.arrayContaining(['dev', 'staging', 'prod']));
    });

    it('nx add @mlws/nx registers the plugin and scaffolds with the real PyTorch indexes', async () => {
      const ws = await createWorkspaceFromTemplate('nx-add');
      writeFileSync(join(ws, 'nx.json'), '{}\n');
      const r = assertSuccess(await runNx(ws, ['add', '@mlws/nx']), ws);
      log('nx add @mlws/nx (empty workspace)', pluginLines(r));
      expect(JSON.parse(read(ws, 'nx.json')).plugins).toEqual(['@mlws/nx']);
      expect(read(ws, 'pyproject.toml')).toContain('url = "https://download.pytorch.org/whl/cu124"');
      expect(existsSync(join(ws, 'docker', 'Dockerfile-uv'))).toBe(true);
    });
  });

  it('npx create-nx-workspace ml --preset=@mlws/nx creates the uv ML workspace', async () => {
    const dir = tmpDir('cnw');
    const { CREATE_NX_WORKSPACE_VERSION } = readVersions();
    const args = [
      '--yes',
      `create-nx-workspace@${CREATE_NX_WORKSPACE_VERSION}`,
      'ml',
      '--preset=@mlws/nx',
      '--nxCloud=skip',
      '--packageManager=npm',
      '--no-interactive',
    ];
    const r = assertSuccess(
      await run('npx', args, { cwd: dir, env: workspaceEnv({ CI: 'true' }), timeoutMs: 5 * 60 * 1000 }),
      dir,
    );
    log('npx create-nx-workspace ml --preset=@mlws/nx', pluginLines(r));
    const ws = join(dir, 'ml');
    expect(outputOf(r)).toContain(
      '@mlws/nx: new uv workspace "ml": backends cpu, cu124, cu128 (indexes under https://download.pytorch.org/whl), Python 3.11',
    );
    expect(JSON.parse(read(ws, 'nx.json')).plugins).toEqual(['@mlws/nx']);
    for (const f of [
      'pyproject.toml',
      'staging/pyproject.toml',
      'prod/pyproject.toml',
      '.python-version',
      'docker/Dockerfile-uv',
    ])
      expect(existsSync(join(ws, f))).toBe(true);
    expect(read(ws, 'prod/pyproject.toml')).toContain('name = "ml-prod"');
    expect(existsSync(join(ws, 'apps'))).toBe(false);
  });

  describe('adopt and nx sync on the playground', () => {
    let ws: PlaygroundWorkspace;
    beforeAll(async () => {
      ws = await createPlaygroundWorkspace();
      writeFileSync(join(ws.root, 'nx.json'), '{}\n');
      await commitAll(ws.root, 'nx.json without the plugin');
    });

    it('nx add @mlws/nx adopts it: every pyproject stays byte-identical', async () => {
      const files = [
        'pyproject.toml',
        'staging/pyproject.toml',
        'prod/pyproject.toml',
        '.python-version',
        '.gitmodules',
        'tools/release_tool/pyproject.toml',
        ...Object.values(ws.manifest.packages)
          .filter((p) => p.initialised)
          .map((p) => `${p.dir}/pyproject.toml`),
      ];
      const before = new Map(files.map((f) => [f, readFileSync(join(ws.root, f))]));
      const r = assertSuccess(await runNx(ws.root, ['add', '@mlws/nx']), ws.root);
      log('nx add @mlws/nx (the playground)', pluginLines(r));
      for (const [f, bytes] of before) expect(readFileSync(join(ws.root, f)).equals(bytes)).toBe(true);
      expect(existsSync(join(ws.root, 'docker', 'Dockerfile-uv'))).toBe(false);
      expect(outputOf(r)).toContain(
        '@mlws/nx: adopted the existing workspace, its pyprojects left as they are: 3 packages (3 submodules, 1 not initialised), environments dev, staging, prod',
      );
      expect(outputOf(r)).toContain(
        '@mlws/nx: packages/prompt-handler is a submodule that is not initialised: git submodule update --init packages/prompt-handler',
      );
      const changed = (await status(ws.root))
        .split('\n')
        .map((l) => l.slice(3))
        .filter(Boolean);
      expect(changed).toEqual(expect.arrayContaining(['.gitignore', 'nx.json']));
      for (const f of changed) expect(['.gitignore', 'nx.json', 'package.json', 'package-lock.json']).toContain(f);
      await commitAll(ws.root, 'nx add @mlws/nx');
    });

    it('nx sync --check fails with one line per problem; nx sync fixes them; --check passes', async () => {
      // a member dropped from the root, and a package whose remote moved
      const root = read(ws.root, 'pyproject.toml');
      writeFileSync(
        join(ws.root, 'pyproject.toml'),
        root.replace('    "model-interface",\n', '').replace(/^model-interface +=.*\n/m, ''),
      );
      const moved = join(ws.remotesDir, 'bench-utils-moved.git');
      await git(ws.remotesDir, ['clone', '--quiet', '--bare', join(ws.remotesDir, 'bench-utils.git'), moved]);
      const movedUrl = `file://${moved}`;
      await git(ws.root, ['config', '-f', '.gitmodules', 'submodule.packages/bench-utils.url', movedUrl]);

      const check = await runNx(ws.root, ['sync', '--check']);
      log('nx sync --check', outputOf(check));
      expect(check.code).not.toBe(0);
      const out = outputOf(check);
      expect(out).toContain('5 problems in the uv workspace files (nx sync fixes them):');
      for (const line of [
        '.gitmodules: packages/bench-utils, packages/model-interface, packages/model_qwen2.5-vl, packages/prompt-handler need "ignore = none" so nx affected sees untracked files inside them',
        'pyproject.toml: [project].dependencies lacks model-interface (the workspace member packages/model-interface)',
        'pyproject.toml: [tool.uv.sources] lacks model-interface = { workspace = true } (the workspace member packages/model-interface)',
        `staging/pyproject.toml: bench-utils pins ${ws.manifest.environments.staging.pins.find((p) => p.target === 'bench-utils')?.git}, but .gitmodules has ${movedUrl} for packages/bench-utils`,
        `prod/pyproject.toml: bench-utils pins ${ws.manifest.environments.prod.pins.find((p) => p.target === 'bench-utils')?.git}, but .gitmodules has ${movedUrl} for packages/bench-utils`,
      ]) {
        expect(out).toContain(line);
      }

      // the same generator run by hand (nx sync runs it in affected.spec.ts): it fixes and says what
      const fixed = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:sync']), ws.root);
      expect(outputOf(fixed)).toContain('5 problems in the uv workspace files (nx sync fixes them):');
      assertSuccess(await runNx(ws.root, ['sync', '--check']), ws.root);
      expect(read(ws.root, 'pyproject.toml')).toContain('    "model-interface",\n]');
      expect(read(ws.root, 'pyproject.toml')).toContain('model-interface = { workspace = true }\n');
      for (const env of ['staging', 'prod'])
        expect(read(ws.root, `${env}/pyproject.toml`)).toMatch(
          new RegExp(`^bench-utils += \\{ git = "${escapeRe(movedUrl)}", +tag = `, 'm'),
        );
    });
  });

  describe('pin, promote, environment and backend on a lockable playground', () => {
    let ws: PlaygroundWorkspace;
    beforeAll(async () => {
      ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
    });

    it('pin: a tag that is not on the remote is one line, and nothing changes', async () => {
      const r = await runNx(ws.root, ['g', '@mlws/nx:pin', 'bench-utils', '--env=staging', '--tag=v0.1.4.dev0']);
      log('pin, tag missing', outputOf(r));
      expect(r.code).not.toBe(0);
      expect(outputOf(r)).toContain(
        `@mlws/nx: tag v0.1.4.dev0 is not on ${ws.manifest.packages['packages/bench-utils'].remote} (its latest tags: v0.1.3.dev0, 0.1.2)`,
      );
      expect(outputOf(r)).not.toMatch(/\n\s+at /); // no stack trace
      expect(await status(ws.root)).toBe('');
    });

    it('pin --dry-run prints the plan and runs nothing; pin changes the tag token and relocks staging', async () => {
      const args = ['g', '@mlws/nx:pin', 'prompt-handler', '--env=staging', '--tag=v0.1.0'];
      const dry = assertSuccess(await runNx(ws.root, [...args, '--dry-run']), ws.root);
      log('pin --dry-run', outputOf(dry));
      expect(dry.stdout).toContain('UPDATE staging/pyproject.toml');
      expect(dry.stdout).toContain('@mlws/nx: then: uv lock --project staging');
      expect(await status(ws.root)).toBe('');

      const before = read(ws.root, 'staging/pyproject.toml');
      const r = assertSuccess(await runNx(ws.root, args), ws.root);
      log('pin prompt-handler --env staging --tag v0.1.0', pluginLines(r));
      expect(outputOf(r)).toContain(
        `@mlws/nx: pin prompt-handler in staging (staging/pyproject.toml): v0.1.0.dev0 → v0.1.0; the tag is on ${ws.manifest.packages['packages/prompt-handler'].remote}`,
      );
      expect(read(ws.root, 'staging/pyproject.toml')).toBe(before.replace('tag = "v0.1.0.dev0",', 'tag = "v0.1.0",'));
      expect(read(ws.root, 'staging/uv.lock')).toMatch(
        /name = "prompt-handler"\nversion = "0\.1\.0"\nsource = \{ git = "[^"]*[?&]tag=v0\.1\.0#/,
      );
      assertSuccess(await uv(ws.root, ['lock', '--project', 'staging', '--locked']), ws.root);
      await commitAll(ws.root, 'pin prompt-handler in staging');
    });

    it('pin whose relock fails: the pyproject is restored, one line says why and how to go on', async () => {
      // a release of bench-utils that no Python here can install
      const clone = join(tmpDir('bench-utils-clone'), 'bench-utils');
      await git(ws.remotesDir, ['clone', '--quiet', join(ws.remotesDir, 'bench-utils.git'), clone]);
      const pyproject = join(clone, 'pyproject.toml');
      writeFileSync(
        pyproject,
        read(clone, 'pyproject.toml').replace(/requires-python = "[^"]*"/, 'requires-python = ">=3.99"'),
      );
      await git(clone, ['commit', '--quiet', '-am', 'needs Python 3.99']);
      await git(clone, ['tag', '-a', 'v0.1.4', '-m', 'v0.1.4']);
      await git(clone, ['push', '--quiet', 'origin', 'v0.1.4']);

      const before = read(ws.root, 'prod/pyproject.toml');
      const r = await runNx(ws.root, ['g', '@mlws/nx:pin', 'bench-utils', '--env=prod', '--tag=v0.1.4']);
      log('pin bench-utils --env prod --tag v0.1.4 (uv lock fails)', pluginLines(r));
      expect(r.code).not.toBe(0);
      expect(outputOf(r)).toMatch(
        /@mlws\/nx: uv lock --project prod failed \(.+\); prod\/pyproject\.toml is restored, nothing changed: fix that and run nx g @mlws\/nx:pin bench-utils --env prod --tag v0\.1\.4 again, or add --skip-lock to pin without relocking/,
      );
      expect(read(ws.root, 'prod/pyproject.toml')).toBe(before);
      expect(await status(ws.root)).toBe('');
    });

    it('promote: the plan; --dry-run changes nothing; applied, prod pins the stable tag', async () => {
      await tagRemote(ws.remotesDir, 'bench-utils', '0.1.3', 'v0.1.3.dev0'); // released without the v prefix
      const dry = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:promote', '--dry-run']), ws.root);
      log('promote --dry-run', pluginLines(dry));
      const table = pluginLines(dry);
      expect(table).toMatch(/package +staging tag +prod now +prod after +note/);
      expect(table).toMatch(/bench-utils +v0\.1\.3\.dev0 +0\.1\.2 +0\.1\.3 +final release of v0\.1\.3\.dev0/);
      expect(table).toMatch(/model-interface +v0\.1\.2\.dev0 +v0\.1\.2 +v0\.1\.2 +up to date/);
      expect(table).toMatch(/model-qwen2-5-vl +v0\.1\.2\.dev0 +— +— +no stable 0\.1\.2 tag yet/);
      expect(table).toMatch(/prompt-handler +v0\.1\.0 +v0\.1\.0 +v0\.1\.0 +up to date/);
      expect(table).toContain('@mlws/nx: then: uv lock --project prod');
      expect(await status(ws.root)).toBe('');

      const before = read(ws.root, 'prod/pyproject.toml');
      const r = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:promote', '--from=staging', '--to=prod']), ws.root);
      expect(outputOf(r)).toContain('@mlws/nx: pin in prod (prod/pyproject.toml): bench-utils 0.1.3');
      expect(read(ws.root, 'prod/pyproject.toml')).toBe(
        before.replace(/(^bench-utils +=.*tag = )"0\.1\.2"/m, '$1"0.1.3"'),
      );
      expect(read(ws.root, 'prod/uv.lock')).toMatch(
        /name = "bench-utils"\nversion = "0\.1\.3\.dev0"\nsource = \{ git = "[^"]*[?&]tag=0\.1\.3#/,
      );
      assertSuccess(await uv(ws.root, ['lock', '--project', 'prod', '--locked']), ws.root);
      await commitAll(ws.root, 'promote');
    });

    it('environment qa: pyproject with the backends, listed in nx.json, pinned and locked', async () => {
      const r = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:environment', 'qa']), ws.root);
      log('environment qa', pluginLines(r));
      const qa = read(ws.root, 'qa/pyproject.toml');
      expect(qa).toContain('name = "ml-playground-qa"');
      expect(qa).toContain(`url = "${index.url}/cu128"`);
      const plugin = (
        JSON.parse(read(ws.root, 'nx.json')).plugins as Array<
          string | { plugin: string; options?: { environments?: unknown } }
        >
      ).find((p) => typeof p !== 'string' && p.plugin === '@mlws/nx');
      expect(typeof plugin !== 'string' && plugin?.options?.environments).toEqual(['staging', 'prod', 'qa']);
      const projects = JSON.parse(
        assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root).stdout,
      ) as string[];
      expect(projects).toContain('qa');

      assertSuccess(
        await runNx(ws.root, ['g', '@mlws/nx:pin', 'bench-utils', '--env=qa', '--tag=v0.1.3.dev0']),
        ws.root,
      );
      expect(read(ws.root, 'qa/pyproject.toml')).toContain('dependencies = [\n    "bench-utils",\n]');
      expect(read(ws.root, 'qa/uv.lock')).toMatch(/[?&]tag=v0\.1\.3\.dev0#/);
      await commitAll(ws.root, 'environment qa');
    });

    it('backend cu126: extra, conflict, torch route and index everywhere; CUDA 12.6.3 in nx.json; locks follow', async () => {
      const r = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:backend', 'cu126']), ws.root);
      log('backend cu126', pluginLines(r));
      for (const f of ['pyproject.toml', 'staging/pyproject.toml', 'prod/pyproject.toml', 'qa/pyproject.toml']) {
        const text = read(ws.root, f);
        expect(text).toContain('cu126 = ["torch>=2.5"]');
        expect(text).toContain('        { extra = "cu126" },\n');
        expect(text).toContain('    { index = "pytorch-cu126", extra = "cu126" },\n');
        expect(text).toContain(
          `[[tool.uv.index]]\nname = "pytorch-cu126"\nurl = "${index.url}/cu126"\nexplicit = true\n`,
        );
      }
      const plugin = (
        JSON.parse(read(ws.root, 'nx.json')).plugins as Array<
          string | { plugin: string; options?: { backends?: unknown } }
        >
      ).find((p) => typeof p !== 'string' && p.plugin === '@mlws/nx');
      expect(typeof plugin !== 'string' && plugin?.options?.backends).toEqual({
        cpu: null,
        cu124: '12.4.1',
        cu128: '12.8.1',
        cu126: '12.6.3',
      });
      for (const env of ['staging', 'prod', 'qa'])
        expect(outputOf(r)).toContain(`@mlws/nx: then: uv lock --project ${env}`);
      for (const env of ['staging', 'prod', 'qa']) {
        expect(read(ws.root, `${env}/uv.lock`)).toContain('version = "2.5.1+cu126"');
        assertSuccess(await uv(ws.root, ['lock', '--project', env, '--locked']), ws.root);
      }
    });

    it('roles in nx.json: qa as staging is what promote and release default to, names aside', async () => {
      const nxJsonText = read(ws.root, 'nx.json');
      const nxJson = JSON.parse(nxJsonText);
      const entry = nxJson.plugins.find(
        (p: string | { plugin: string }) => typeof p !== 'string' && p.plugin === '@mlws/nx',
      );
      entry.options.environments = [
        { name: 'staging', path: 'staging', role: 'other' },
        'prod',
        { name: 'qa', path: 'qa', role: 'staging' },
      ];
      writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
      try {
        const dry = assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:promote', '--dry-run']), ws.root);
        log('promote --dry-run (qa has the staging role)', pluginLines(dry));
        expect(pluginLines(dry)).toContain('@mlws/nx: promote qa → prod:');
        expect(pluginLines(dry)).toMatch(/package +qa tag +prod now +prod after +note/);

        const shown = JSON.parse(
          assertSuccess(await runNx(ws.root, ['show', 'project', 'bench-utils', '--json']), ws.root).stdout,
        );
        expect(shown.targets.release.options.environments).toEqual([
          { name: 'staging', path: 'staging', role: 'other' },
          { name: 'prod', path: 'prod', role: 'prod' },
          { name: 'qa', path: 'qa', role: 'staging' },
        ]);
        expect(shown.targets.release.metadata.description).toContain('pin prod/qa');
      } finally {
        writeFileSync(join(ws.root, 'nx.json'), nxJsonText);
      }
    });
  });
});
