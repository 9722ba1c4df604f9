// The workspace of the Docker benchmark: the playground (every submodule initialised), torch from
// the loopback index stand-in with a heavy cpu wheel, the package remotes over loopback HTTP (the
// images fetch the prod pins like from GitHub), Nx + an npm pack of @mlws/nx, the generated
// docker/Dockerfile-uv, the locks, the local base images as build args. All under `base`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { benchEnv, installNxWithPlugin, REPO, runSync } from '../shared/nx-install.mjs';

const require = createRequire(import.meta.url);
require(join(REPO, 'tools/setup/ts-register.cjs'));
const { buildPlayground } = require(join(REPO, 'tools/fixtures/playground/index.ts'));
const { startGitHttp } = require(join(REPO, 'tools/fixtures/git-http/index.ts'));
const { gitEnv } = require(join(REPO, 'tools/fixtures/proc.ts'));
const { startTorchIndex, writeTorchIndex } = require(join(REPO, 'tools/fixtures/torch-index/index.ts'));

export const IMAGE = 'mlws-bench';

/** The local base images (debootstrap + docker import, built once): `{ BASE_IMAGE, RUNTIME_IMAGE, UV_IMAGE }`. */
export function baseImages(docker, uv) {
  const out = runSync('bash', [join(REPO, 'tools/fixtures/docker-base/build.sh'), docker, uv], { cwd: REPO }).stdout;
  return Object.fromEntries(
    out
      .trim()
      .split(/\s+/)
      .map((kv) => kv.split('=')),
  );
}

export async function setupDockerWorkspace({ base, args, images, uv, log }) {
  const indexDir = join(base, 'torch-index');
  mkdirSync(indexDir, { recursive: true });
  const t0 = performance.now();
  const manifest = writeTorchIndex(indexDir, {
    heavy: args.torchMb
      ? { backends: ['cpu'], sizeMb: args.torchMb, smallFiles: args.torchFiles, cacheDir: args.cacheDir }
      : undefined,
  });
  const wheel = manifest.wheels.find((w) => w.backend === 'cpu');
  log(
    `torch stand-in ${wheel.filename}: ${(wheel.size / 1e6).toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const index = await startTorchIndex(indexDir);
  const pg = await buildPlayground(join(base, 'playground'), {
    uninitialised: [],
    lockable: true,
    indexUrl: index.url,
  });
  const ws = pg.root;
  const remotes = await startGitHttp(pg.remotesDir);
  for (const env of ['staging', 'prod']) {
    const file = join(ws, env, 'pyproject.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`file://${pg.remotesDir}`, remotes.url));
  }
  const versions = installNxWithPlugin({
    base,
    ws,
    pluginDir: args.pluginDir,
    pluginOptions: { imageName: IMAGE },
    log,
  });
  const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
  nxJson.targetDefaults = { 'docker-build': { options: { network: 'host', buildArgs: images } } };
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  const env = benchEnv({ ...gitEnvClean(), UV: uv, PATH: `${dirname(uv)}:${process.env.PATH}` });
  const nx = join(ws, 'node_modules/.bin/nx');
  runSync(nx, ['g', '@mlws/nx:dockerfile', '--no-interactive'], { cwd: ws, env });
  log('nx run-many -t lock');
  // the locks fetch the heavy wheel from the index: serve it from this process meanwhile (async)
  await asyncRun(nx, ['run-many', '-t', 'lock', '--output-style=static'], ws, env);
  runSync('git', ['add', '--all'], { cwd: ws, env });
  runSync('git', ['commit', '-q', '-m', 'Nx, Dockerfile, locks, HTTP pins'], { cwd: ws, env });
  return {
    ws,
    env,
    nx,
    wheel,
    versions,
    stop: async () => {
      await remotes.stop();
      await index.stop();
    },
  };
}

function gitEnvClean() {
  return Object.fromEntries(Object.entries(gitEnv()).filter(([, v]) => v !== undefined));
}

/** Runs without blocking this process's event loop (the index and git servers answer from it). */
export function asyncRun(cmd, argv, cwd, env, timeoutMs = 60 * 60_000) {
  const { spawn } = require('node:child_process');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const s = (performance.now() - t0) / 1000;
      if (code !== 0) reject(new Error(`${cmd} ${argv.join(' ')} failed (${code}):\n${out.slice(-4000)}`));
      else resolve({ s, out });
    });
  });
}
