// Helpers of the affected benchmark: arguments, the plugin install, running nx (the /proc sampling and
// the docs section are tools/bench/shared's).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const NX_VERSION = /^NX_VERSION=(.+)$/m.exec(readFileSync(join(REPO, 'tools/setup/versions.env'), 'utf8'))[1].trim();

export const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
for (const k of ['NX_SKIP_NX_CACHE', 'CI', 'NX_LEGACY_AFFECTED', 'NX_BASE', 'NX_HEAD']) delete NX_ENV[k];

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.status !== 0 && opts.check !== false)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || '').slice(-3000)}`);
  return r;
}

export function parseArgs(argv, defaults) {
  const a = { ...defaults, build: false, keep: false, writeDocs: null, pluginDir: join(REPO, 'dist/packages/nx') };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    if (k === '--size') a.size = Number(val());
    else if (k === '--repeat') a.repeat = Number(val());
    else if (k === '--warmup') a.warmup = Number(val());
    else if (k === '--build') a.build = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--write-docs') a.writeDocs = resolve(REPO, val());
    else if (k === '--plugin-dir') a.pluginDir = resolve(REPO, val());
    else if (k === '-h' || k === '--help') {
      console.log(
        readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'run.mjs'), 'utf8')
          .split('\n')
          .slice(1, 13)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(a.size >= 10) || !(a.repeat >= 1) || !(a.warmup >= 0)) throw new Error('bad --size/--repeat/--warmup');
  return a;
}

/** nx (the pinned version) and the plugin's npm-pack tarball, installed once into <base>/deps. */
export function installPlugin(base, args) {
  if (args.build)
    run('npx', ['nx', 'run', 'nx:build', '--skip-nx-cache'], {
      cwd: REPO,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  if (!existsSync(join(args.pluginDir, 'package.json')))
    throw new Error(`${args.pluginDir} holds no built plugin: pass --build`);
  const dir = join(base, 'deps');
  mkdirSync(dir, { recursive: true });
  const tgz = JSON.parse(
    run('npm', ['pack', args.pluginDir, '--pack-destination', dir, '--json'], { cwd: dir }).stdout,
  )[0].filename;
  const pkg = {
    name: 'bench-affected',
    private: true,
    devDependencies: { nx: NX_VERSION, '@mlws/nx': `file:./${tgz}` },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  const head = run('git', ['log', '-1', '--format=%h', '--', 'packages/nx'], { cwd: REPO, check: false }).stdout.trim();
  const dirty = run('git', ['status', '--porcelain', '--', 'packages/nx'], { cwd: REPO, check: false }).stdout.trim();
  return { dir, nxVersion: NX_VERSION, commit: `${head}${dirty ? ' + uncommitted changes' : ''}` };
}

export function nxBin(ws) {
  const pj = JSON.parse(readFileSync(join(ws, 'node_modules/nx/package.json'), 'utf8'));
  return join(ws, 'node_modules/nx', typeof pj.bin === 'string' ? pj.bin : pj.bin.nx);
}
