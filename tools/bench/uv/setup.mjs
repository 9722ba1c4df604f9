// The workspace of the uv benchmark: the playground with the torch index stand-in (served from
// another process: the timed commands run with spawnSync), Nx + an npm pack of @mlws/nx, and the
// uv-baseline project (the same uv sync through nx:run-commands, and a no-op custom executor).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { benchEnv, installNxWithPlugin, REPO, runSync as run } from '../shared/nx-install.mjs';

const require = createRequire(import.meta.url);
require(join(REPO, 'tools/setup/ts-register.cjs'));
const { buildPlayground } = require(join(REPO, 'tools/fixtures/playground/index.ts'));
const { gitEnv } = require(join(REPO, 'tools/fixtures/proc.ts'));

const log = (...m) => console.error('[bench:uv]', ...m);

/**
 * The torch index in its own process: this script times commands with spawnSync, which blocks
 * its event loop, so an in-process server could not answer uv meanwhile.
 */
function startIndexProcess(dir, heavyArgs = []) {
  const child = spawn(
    process.execPath,
    [join(REPO, 'tools/fixtures/torch-index/cli.mjs'), 'serve', dir, ...heavyArgs],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let buf = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`torch index server exited (${code})`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) {
        child.removeAllListeners('exit');
        resolvePromise({
          url: line.trim(),
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

export async function setup(base, args, uv) {
  const indexDir = join(base, 'torch-index');
  mkdirSync(indexDir, { recursive: true });
  // --torch-mb: the backend's torch is as heavy as the real one (generated once into --cache-dir)
  const heavy = args.torchMb
    ? ['--heavy-mb', String(args.torchMb), '--heavy-files', String(args.torchFiles), '--heavy-backends', args.backend]
    : [];
  const server = await startIndexProcess(indexDir, [
    ...heavy,
    ...(heavy.length ? ['--heavy-cache', args.cacheDir] : []),
  ]);
  log(`torch index stand-in at ${server.url}`);

  const pg = await buildPlayground(join(base, 'playground'), {
    uninitialised: [],
    lockable: true,
    indexUrl: server.url,
  });
  const ws = pg.root;
  const { nx: nxVersion, plugin: pluginVersion } = installNxWithPlugin({ base, ws, pluginDir: args.pluginDir, log });

  // The baseline: the very uv sync the executor runs, through nx:run-commands, uncached.
  const syncCmd = ['sync', '--all-packages', '--extra', args.backend];
  mkdirSync(join(ws, 'bench'), { recursive: true });
  writeFileSync(
    join(ws, 'bench/project.json'),
    `${JSON.stringify(
      {
        name: 'uv-baseline',
        root: 'bench',
        targets: {
          'sync-dev': {
            executor: 'nx:run-commands',
            cache: false,
            options: { command: `uv ${syncCmd.join(' ')}`, cwd: '{workspaceRoot}' },
          },
          // The floor of any executor that is not nx:run-commands: Nx forks a process for it.
          'noop-executor': { executor: './bench/noop-executor:noop', cache: false },
        },
      },
      null,
      2,
    )}\n`,
  );
  const noop = join(ws, 'bench/noop-executor');
  mkdirSync(noop, { recursive: true });
  writeFileSync(
    join(noop, 'package.json'),
    `${JSON.stringify({ name: 'noop-executor', version: '0.0.0', private: true, executors: './executors.json' }, null, 2)}\n`,
  );
  writeFileSync(
    join(noop, 'executors.json'),
    `${JSON.stringify({ executors: { noop: { implementation: './noop.js', schema: './schema.json', description: 'Does nothing: the cost of a forked executor.' } } }, null, 2)}\n`,
  );
  writeFileSync(join(noop, 'schema.json'), `${JSON.stringify({ version: 2, type: 'object', properties: {} })}\n`);
  writeFileSync(
    join(noop, 'noop.js'),
    "module.exports = async function noop() {\n  console.log('noop executor');\n  return { success: true };\n};\n",
  );
  run('git', ['add', '--all'], { cwd: ws, env: { ...process.env, ...cleanEnv(gitEnv()) } });
  run('git', ['commit', '-q', '-m', 'Nx with @mlws/nx, the uv-baseline project'], {
    cwd: ws,
    env: { ...process.env, ...cleanEnv(gitEnv()) },
  });
  return {
    base,
    server,
    ws,
    syncCmd,
    versions: { nx: nxVersion, plugin: pluginVersion, uv: run(uv, ['--version']).stdout.trim() },
  };
}

function cleanEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Timed commands in the workspace; `extra` env (e.g. UV_CACHE_DIR) goes to every one. */
export function makeRunner(ws, uv, backend, extra = {}) {
  const env = benchEnv({
    ...cleanEnv(gitEnv()),
    UV: uv,
    PATH: `${dirname(uv)}:${process.env.PATH}`,
    MLWS_TORCH_BACKEND: backend,
    ...extra,
  });
  const nx = join(ws, 'node_modules/.bin/nx');
  const timed = (cmd, args, expect, extraEnv = {}) => {
    const t0 = performance.now();
    const r = run(cmd, args, { cwd: ws, env: { ...env, ...extraEnv }, check: false, timeout: 15 * 60_000 });
    const s = (performance.now() - t0) / 1000;
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out.slice(-4000)}`);
    if (expect && !expect.test(out))
      throw new Error(`${cmd} ${args.join(' ')}: output does not match ${expect}:\n${out.slice(-3000)}`);
    return { s, out };
  };
  return {
    nx: (args, expect, extraEnv) => timed(nx, [...args, '--output-style=static'], expect, extraEnv),
    uv: (args, expect) => timed(uv, args, expect),
  };
}
