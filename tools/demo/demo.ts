/**
 * `npm run demo`: builds @mlws/nx, publishes it to a local npm registry, creates a seeds-shaped ML
 * workspace (hatchling packages in their own git repos attached as submodules, dev/staging/prod
 * pyprojects) and drives it with Nx the way a user does. Prints a report at the end.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPlayground } from '../fixtures/playground';
import { git, run } from '../fixtures/proc';
import { startTorchIndex, writeTorchIndex } from '../fixtures/torch-index';
import { npmEnv, publishPlugin, REPO_ROOT, startLocalRegistry } from '../local-registry';
import { readVersions } from '../setup/versions';
import { must, pluginLines, Steps } from './steps';

async function main(): Promise<void> {
  const target = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'mlws-demo-'));
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const { NX_VERSION } = readVersions();
  const steps = new Steps();
  const registry = await steps.step('start a local npm registry (verdaccio) and publish @mlws/nx', async () => {
    await must('npx', ['nx', 'run', 'nx:build', '--skip-nx-cache'], REPO_ROOT);
    const reg = await startLocalRegistry();
    const published = await publishPlugin(reg.url, { npmrc: reg.npmrc });
    return { reg, published };
  }, (v) => `${v.published.name}@${v.published.version} at ${v.reg.url}`);

  const indexDir = join(target, 'torch-index');
  mkdirSync(indexDir, { recursive: true });
  writeTorchIndex(indexDir);
  const index = await startTorchIndex(indexDir); // the PyTorch index stand-in: torch +cpu/+cu124/+cu128 wheels
  try {
    const pg = await steps.step('create the ML workspace: packages in their own repos, attached as submodules', () =>
      buildPlayground(target, { uninitialised: [], indexUrl: index.url, lockable: true }),
    (p) => `${Object.keys(p.manifest.packages).length} package repos in ${p.remotesDir}`);
    const ws = pg.root;
    const env = npmEnv(registry.reg.npmrc, registry.reg.url);

    await steps.step(`install nx ${NX_VERSION} and add @mlws/nx (nx add)`, async () => {
      writeFileSync(join(ws, 'package.json'), `${JSON.stringify({ name: 'ml-playground-nx', private: true }, null, 2)}\n`);
      appendFileSync(join(ws, '.gitignore'), '\n# Nx\nnode_modules/\n.nx/\n');
      // what `nx init` writes in a repository without Nx
      writeFileSync(join(ws, 'nx.json'), `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`);
      await must('npm', ['install', '--save-dev', '--save-exact', `nx@${NX_VERSION}`, '--registry', registry.reg.url], ws, env);
      await must('npx', ['nx', 'add', '@mlws/nx'], ws, env);
      const plugins = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8')).plugins ?? [];
      if (!plugins.includes('@mlws/nx')) throw new Error('nx add @mlws/nx did not register the plugin in nx.json');
    });

    await steps.step('nx sync (member submodules: ignore = none, so nx affected sees untracked files)', () => must('npx', ['nx', 'sync'], ws, env));
    await git(ws, ['add', '--all']);
    await git(ws, ['commit', '--quiet', '-m', 'Nx with @mlws/nx']);

    await steps.step('nx show projects (inferred from pyproject.toml files)', () => must('npx', ['nx', 'show', 'projects'], ws, env),
      (r) => r.stdout.trim().split('\n').join(', '));

    await steps.step('nx graph --file=graph.json', () => must('npx', ['nx', 'graph', '--file=graph.json'], ws, env), () => {
      const g = JSON.parse(readFileSync(join(ws, 'graph.json'), 'utf8'));
      const edges = Object.values(g.graph.dependencies as Record<string, Array<{ source: string; target: string }>>).flat();
      return `${Object.keys(g.graph.nodes).length} projects, ${edges.length} edges`;
    });

    await steps.step('nx run-many -t build (uv build per package)', () => must('npx', ['nx', 'run-many', '-t', 'build'], ws, env));
    await steps.step('nx run-many -t build again (all from the Nx cache)', () => must('npx', ['nx', 'run-many', '-t', 'build'], ws, env), (r) =>
      /Nx read the output from the cache instead of running the command for (\d+ out of \d+) tasks/.exec(r.stdout)?.[1]?.concat(' tasks from cache'),
    );

    await steps.step('edit a file inside the bench-utils submodule → nx show projects --affected', async () => {
      appendFileSync(join(ws, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'), '\n# demo edit\n');
      return must('npx', ['nx', 'show', 'projects', '--affected', '--base=HEAD'], ws, env);
    }, (r) => `affected: ${r.stdout.trim().split('\n').join(', ')}`);

    await steps.step('nx run-many -t lock (uv lock of dev, staging, prod)', () => must('npx', ['nx', 'run-many', '-t', 'lock'], ws, env));
    await steps.step('nx run-many -t lock again (all from the Nx cache)', () => must('npx', ['nx', 'run-many', '-t', 'lock'], ws, env), (r) =>
      /Nx read the output from the cache instead of running the command for (\d+ out of \d+) tasks/.exec(r.stdout)?.[1]?.concat(' tasks from cache'),
    );
    await steps.step('nx run dev:sync --backend cpu (the workspace venv, torch from the cpu index)', async () => {
      await must('npx', ['nx', 'run', 'dev:sync', '--backend', 'cpu'], ws, env);
      return must(join(ws, '.venv', 'bin', 'python'), ['-c', 'import torch, bench_utils; print(torch.__version__)'], ws);
    }, (r) => `torch ${r.stdout.trim()} in .venv`);
    await steps.step('nx run-many -t sync -c staging (every package; uv sync runs once)', async () => {
      const r = await must('npx', ['nx', 'run-many', '-t', 'sync', '-c', 'staging', '--output-style=static'], ws, { ...env, MLWS_TORCH_BACKEND: 'cpu' });
      const ran = (r.stdout.match(/synced the staging environment/g) ?? []).length;
      const skipped = (r.stdout.match(/the staging environment is already synced/g) ?? []).length;
      const v = await must(join(ws, 'staging', '.venv', 'bin', 'python'), ['-c', "import importlib.metadata as m; print(m.version('bench-utils'))"], ws);
      return { ran, skipped, version: v.stdout.trim() };
    }, (r) => `uv sync ran ${r.ran}×, skipped ${r.skipped}×; staging has bench-utils ${r.version} (its dev tag)`);

    const docker = await run('bash', [join(REPO_ROOT, 'tools/setup/ensure-docker.sh')], { cwd: REPO_ROOT, timeoutMs: 5 * 60 * 1000 });
    if (docker.code === 0) {
      const client = docker.stdout.trim();
      await steps.step('nx run dev:docker-build:cpu (the dev image; base images built locally)', async () => {
        const base = await must('bash', [join(REPO_ROOT, 'tools/fixtures/docker-base/build.sh'), client, process.env.UV ?? 'uv'], REPO_ROOT);
        const buildArgs = Object.fromEntries(base.stdout.trim().split(/\s+/).map((kv) => kv.split('=')));
        const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
        nxJson.targetDefaults = { ...(nxJson.targetDefaults ?? {}), 'docker-build': { options: { network: 'host', buildArgs } } };
        writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
        if (!existsSync(join(ws, 'docker', 'Dockerfile-uv'))) await must('npx', ['nx', 'g', '@mlws/nx:dockerfile', '--no-interactive'], ws, env);
        await must('npx', ['nx', 'run', 'dev:docker-build:cpu'], ws, { ...env, DOCKER: client });
        return JSON.parse(readFileSync(join(ws, 'dist', 'docker', 'dev.json'), 'utf8')) as { tags: string[] };
      }, (r) => r.tags.join(', '));
    } else {
      process.stdout.write(`\n(no Docker engine here, the image step is left out: ${docker.stderr.trim().split('\n').pop()})\n`);
    }

    const out = await must('npx', ['nx', 'show', 'projects'], ws, env);
    const warnings = pluginLines(`${out.stdout}\n${out.stderr}`);
    process.stdout.write(
      steps.report({
        workspace: ws,
        'package remotes': pg.remotesDir,
        graph: join(ws, 'graph.json'),
        locks: `${join(ws, 'uv.lock')}, ${join(ws, 'staging', 'uv.lock')}, ${join(ws, 'prod', 'uv.lock')}`,
        venvs: `${join(ws, '.venv')}, ${join(ws, 'staging', '.venv')}`,
        wheels: join(ws, 'packages', '*', 'dist'),
        ...(warnings.length ? { warnings: warnings.join(' | ') } : {}),
      }),
    );
  } finally {
    await registry.reg.stop();
    await index.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`\ndemo failed: ${e.message}\n`);
  process.exit(1);
});
