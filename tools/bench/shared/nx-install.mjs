// Nx and @mlws/nx installed into a benchmark workspace from an `npm pack` of the plugin's build
// (the most faithful install), with the plugin registered in nx.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
require(join(REPO, 'tools/setup/ts-register.cjs'));
const { readVersions } = require(join(REPO, 'tools/setup/versions.ts'));

/** spawnSync with a readable error on failure (unless `check: false`). */
export function runSync(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (opts.check !== false && r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || '').slice(-4000)}\n${(r.stdout || '').slice(-4000)}`,
    );
  }
  return r;
}

/** The uv binary: $UV, else the pinned one (tools/setup/ensure-uv.sh), else uv on PATH. */
export function findUv() {
  if (process.env.UV && existsSync(process.env.UV)) return process.env.UV;
  const r = runSync('bash', [join(REPO, 'tools/setup/ensure-uv.sh')], { cwd: REPO, check: false });
  const p = (r.stdout || '').trim().split('\n').pop();
  if (r.status === 0 && p && existsSync(p)) return p;
  const which = runSync('bash', ['-c', 'command -v uv'], { check: false });
  if (which.status === 0) return which.stdout.trim();
  throw new Error('uv not found: run bash tools/setup/ensure-uv.sh and export UV=<printed path>');
}

/** `npx nx run nx:build` when asked; fails with the fix when there is no build. */
export function ensurePluginBuild(pluginDir, build, log) {
  if (build) {
    log('building the plugin: npx nx run nx:build');
    runSync('npx', ['nx', 'run', 'nx:build'], { cwd: REPO, env: { ...process.env, NX_DAEMON: 'false' } });
  }
  if (!existsSync(join(pluginDir, 'package.json')))
    throw new Error(`${pluginDir} has no build of @mlws/nx: run npx nx run nx:build or pass --build`);
}

/**
 * Writes package.json (nx + the packed plugin), runs npm install, registers the plugin in nx.json
 * (`pluginOptions` given: as `{ plugin, options }`). Returns the versions installed.
 */
export function installNxWithPlugin({ base, ws, pluginDir, pluginOptions, log }) {
  const pack = runSync('npm', ['pack', pluginDir, '--pack-destination', base, '--json'], { cwd: base });
  const tgz = join(base, JSON.parse(pack.stdout)[0].filename);
  const nxVersion = readVersions().NX_VERSION;
  writeFileSync(
    join(ws, 'package.json'),
    `${JSON.stringify({ name: 'ml-playground-bench', private: true, devDependencies: { nx: nxVersion, '@mlws/nx': `file:${tgz}` } }, null, 2)}\n`,
  );
  log(`npm install nx@${nxVersion} @mlws/nx (${tgz})`);
  runSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ws, timeout: 15 * 60_000 });
  const plugin = pluginOptions ? { plugin: '@mlws/nx', options: pluginOptions } : '@mlws/nx';
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify({ plugins: [plugin] }, null, 2)}\n`);
  writeFileSync(join(ws, '.gitignore'), `${readFileSync(join(ws, '.gitignore'), 'utf8')}node_modules/\n.nx/\n`);
  const pluginVersion = JSON.parse(readFileSync(join(ws, 'node_modules/@mlws/nx/package.json'), 'utf8')).version;
  return { nx: nxVersion, plugin: pluginVersion };
}

/** `dist/packages/nx at abc1234 (+ uncommitted changes)`: which plugin source was measured. */
export function pluginDescription(pluginDir) {
  const head = runSync('git', ['log', '-1', '--format=%h', '--', 'packages/nx'], {
    cwd: REPO,
    check: false,
  }).stdout?.trim();
  const dirty = runSync('git', ['status', '--porcelain', '--', 'packages/nx'], {
    cwd: REPO,
    check: false,
  }).stdout?.trim();
  return `${pluginDir.replace(`${REPO}/`, '')}${head ? ` at ${head}${dirty ? ' + uncommitted changes' : ''}` : ''}`;
}

/** Environment for timed Nx/uv commands: no daemon, no cloud, no colours, no npm_* leaking in. */
export function benchEnv(extra = {}) {
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) || k === 'NX_SKIP_NX_CACHE' || k === 'CI') delete env[k];
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'VIRTUAL_ENV']) delete env[k];
  return env;
}
