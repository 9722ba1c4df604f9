#!/usr/bin/env node
// uv-target benchmark of @mlws/nx on the playground (real uv, real git remotes, the torch index stand-in).
//
//   node tools/bench/uv/run.mjs [--repeat 10] [--lock-repeat 5] [--warmup 2] [--build] [--keep]
//        [--write-docs docs/benchmarks.md] [--plugin-dir dist/packages/nx] [--backend cpu]
//        [--idle-below 0.5] [--idle-wait 90]
//
// 1. sync overhead: `nx run bench-utils:sync:dev` on an already-synced environment (the executor
//    finds its stamp and skips uv) against the same `uv sync --all-packages --extra <backend>` run
//    through `nx:run-commands`; also the executor with --force (it runs uv) and uv alone. Goal ≤ 1.05×.
// 2. `nx run-many -t lock` all cache hits against the run that locks (first ever, and again with the
//    lock files removed and --skip-nx-cache).
// Everything happens in a fresh /tmp/mlws-bench-uv-XXXXXX (removed unless --keep).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
const require = createRequire(import.meta.url);
require(join(REPO, 'tools/setup/ts-register.cjs'));
const { buildPlayground } = require(join(REPO, 'tools/fixtures/playground/index.ts'));
const { gitEnv } = require(join(REPO, 'tools/fixtures/proc.ts'));
const { readVersions } = require(join(REPO, 'tools/setup/versions.ts'));

const SYNC_GOAL = 1.05;
/** Ends the generated part of the docs section; text after it is kept by --write-docs. */
const GENERATED_END = '<!-- end of generated uv-targets results (tools/bench/uv/run.mjs --write-docs) -->';

// ---------------------------------------------------------------- args
function parseArgs(argv) {
  const a = {
    repeat: 10,
    lockRepeat: 5,
    warmup: 2,
    build: false,
    keep: false,
    writeDocs: null,
    pluginDir: join(REPO, 'dist/packages/nx'),
    backend: 'cpu',
    idleBelow: 0.5,
    idleWaitSec: 90,
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case '--repeat':
        a.repeat = Number(val());
        break;
      case '--lock-repeat':
        a.lockRepeat = Number(val());
        break;
      case '--warmup':
        a.warmup = Number(val());
        break;
      case '--build':
        a.build = true;
        break;
      case '--keep':
        a.keep = true;
        break;
      case '--write-docs':
        a.writeDocs = resolve(REPO, val());
        break;
      case '--plugin-dir':
        a.pluginDir = resolve(REPO, val());
        break;
      case '--backend':
        a.backend = val();
        break;
      case '--idle-below':
        a.idleBelow = Number(val());
        break;
      case '--idle-wait':
        a.idleWaitSec = Number(val());
        break;
      case '-h':
      case '--help':
        console.log(
          readFileSync(fileURLToPath(import.meta.url), 'utf8')
            .split('\n')
            .slice(1, 12)
            .join('\n'),
        );
        process.exit(0);
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!(a.repeat >= 1) || !(a.lockRepeat >= 1) || !(a.warmup >= 0))
    throw new Error('bad --repeat/--lock-repeat/--warmup');
  if (!/^[a-z0-9]+$/.test(a.backend)) throw new Error(`bad --backend ${a.backend}`);
  return a;
}

// ---------------------------------------------------------------- helpers
const log = (...m) => console.error('[bench:uv]', ...m);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (opts.check !== false && r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || '').slice(-4000)}\n${(r.stdout || '').slice(-4000)}`,
    );
  }
  return r;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (s) => s.toFixed(2);
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs });
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
const cell = (st) => `**${fmt(st.median)}** (${fmt(st.min)}–${fmt(st.max)})`;

function findUv() {
  if (process.env.UV && existsSync(process.env.UV)) return process.env.UV;
  const r = run('bash', [join(REPO, 'tools/setup/ensure-uv.sh')], { cwd: REPO, check: false });
  const p = (r.stdout || '').trim().split('\n').pop();
  if (r.status === 0 && p && existsSync(p)) return p;
  const which = run('bash', ['-c', 'command -v uv'], { check: false });
  if (which.status === 0) return which.stdout.trim();
  throw new Error('uv not found: run bash tools/setup/ensure-uv.sh and export UV=<printed path>');
}

function loadAvg() {
  return os.loadavg()[0];
}

/** Fraction of CPU time busy over `ms` (all cores, from /proc/stat); undefined off Linux. */
function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((x, y) => x + y, 0) };
  };
  if (!existsSync('/proc/stat')) return undefined;
  const a = read();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

/**
 * The machine is shared: before a round, wait (up to `waitSec`) until the CPUs were less than
 * `below` busy over one second. Returns the last reading.
 */
function waitForIdle(below, waitSec) {
  const deadline = Date.now() + waitSec * 1000;
  let busy = cpuBusy();
  while (busy !== undefined && busy >= below && Date.now() < deadline) busy = cpuBusy();
  return busy;
}

/**
 * The torch index in its own process: this script times commands with spawnSync, which blocks
 * its event loop, so an in-process server could not answer uv meanwhile.
 */
function startIndexProcess(dir) {
  const child = spawn(process.execPath, [join(REPO, 'tools/fixtures/torch-index/cli.mjs'), 'serve', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

// ---------------------------------------------------------------- setup
async function setup(base, args, uv) {
  const indexDir = join(base, 'torch-index');
  mkdirSync(indexDir, { recursive: true });
  const server = await startIndexProcess(indexDir);
  log(`torch index stand-in at ${server.url}`);

  const pg = await buildPlayground(join(base, 'playground'), {
    uninitialised: [],
    lockable: true,
    indexUrl: server.url,
  });
  const ws = pg.root;

  // Nx + the plugin from an npm pack tarball of dist (the most faithful install).
  const pack = run('npm', ['pack', args.pluginDir, '--pack-destination', base, '--json'], { cwd: base });
  const tgz = join(base, JSON.parse(pack.stdout)[0].filename);
  const nxVersion = readVersions().NX_VERSION;
  writeFileSync(
    join(ws, 'package.json'),
    `${JSON.stringify({ name: 'ml-playground-bench', private: true, devDependencies: { nx: nxVersion, '@mlws/nx': `file:${tgz}` } }, null, 2)}\n`,
  );
  log(`npm install nx@${nxVersion} @mlws/nx (${tgz})`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ws, timeout: 15 * 60_000 });
  writeFileSync(join(ws, 'nx.json'), `${JSON.stringify({ plugins: ['@mlws/nx'] }, null, 2)}\n`);

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
  writeFileSync(join(ws, '.gitignore'), `${readFileSync(join(ws, '.gitignore'), 'utf8')}node_modules/\n.nx/\n`);
  run('git', ['add', '--all'], { cwd: ws, env: { ...process.env, ...cleanEnv(gitEnv()) } });
  run('git', ['commit', '-q', '-m', 'Nx with @mlws/nx, the uv-baseline project'], {
    cwd: ws,
    env: { ...process.env, ...cleanEnv(gitEnv()) },
  });

  const pluginVersion = JSON.parse(readFileSync(join(ws, 'node_modules/@mlws/nx/package.json'), 'utf8')).version;
  return {
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

// ---------------------------------------------------------------- measure
function makeRunner(ws, uv, backend) {
  const env = {
    ...process.env,
    ...cleanEnv(gitEnv()),
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    UV: uv,
    PATH: `${dirname(uv)}:${process.env.PATH}`,
    MLWS_TORCH_BACKEND: backend,
  };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) || k === 'NX_SKIP_NX_CACHE' || k === 'CI') delete env[k];
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'VIRTUAL_ENV']) delete env[k];
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

const LOCK_FILES = ['uv.lock', 'staging/uv.lock', 'prod/uv.lock'];

async function measure(args, ctx) {
  const { ws, syncCmd } = ctx;
  const R = makeRunner(ws, ctx.uv, args.backend);
  const results = { sync: {}, lock: {} };

  // first run ever of the locks (nothing cached: Nx cache empty, uv has never seen these remotes/index)
  waitForIdle(args.idleBelow, args.idleWaitSec);
  log('nx run-many -t lock (first run ever)');
  const firstEver = R.nx(['run-many', '-t', 'lock'], /Successfully ran target lock for 3 projects/);
  results.lock.firstEver = firstEver.s;
  // `lock` hashes the lock it starts from: a run from the locks just written (uv finds them
  // current) stores the entry that the rounds' all-hit runs, which start from those locks, hit
  log('nx run-many -t lock (from the locks it wrote: uv finds them current)');
  results.lock.fromLocks = R.nx(['run-many', '-t', 'lock'], /Successfully ran target lock for 3 projects/).s;
  log('nx run bench-utils:sync:dev (first sync of the dev environment)');
  results.sync.firstSync = R.nx(['run', 'bench-utils:sync:dev'], /synced the dev environment: uv sync/).s;

  // ---- 1. sync overhead, interleaved rounds
  const variants = {
    plugin: () => R.nx(['run', 'bench-utils:sync:dev'], /the dev environment is already synced/),
    pluginForce: () => R.nx(['run', 'bench-utils:sync:dev', '--force'], /synced the dev environment: uv sync/),
    runCommands: () => R.nx(['run', 'uv-baseline:sync-dev'], /Successfully ran target sync-dev/),
    runCommandsForked: () =>
      R.nx(['run', 'uv-baseline:sync-dev'], /Successfully ran target sync-dev/, { NX_RUN_COMMANDS_DIRECTLY: 'false' }),
    noopExecutor: () => R.nx(['run', 'uv-baseline:noop-executor'], /noop executor/),
    uvAlone: () => R.uv(syncCmd),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const loads = [];
  const busy = [];
  for (let round = 0; round < args.warmup + args.repeat; round++) {
    const measured = round >= args.warmup;
    busy.push(waitForIdle(args.idleBelow, args.idleWaitSec) ?? NaN);
    loads.push(loadAvg());
    // plugin first after pluginForce would always see a fresh stamp; rotate the order per round
    const order = Object.keys(variants);
    const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
    for (const v of rotated) {
      const { s } = variants[v]();
      if (measured) samples[v].push(s);
    }
    log(
      `sync round ${round + 1}/${args.warmup + args.repeat}${measured ? '' : ' (warm-up)'}: ${Object.keys(variants)
        .map((v) => `${v} ${samples[v].length && measured ? fmt(samples[v].at(-1)) : '-'}`)
        .join(', ')}`,
    );
  }
  results.sync.stats = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, stats(xs)]));
  results.sync.load = median(loads);
  results.sync.busy = median(busy);

  // ---- 2. lock: all cache hits vs running
  const hit = [];
  const rerun = [];
  const lockLoads = [];
  const lockBusy = [];
  for (let round = 0; round < args.lockRepeat; round++) {
    lockBusy.push(waitForIdle(args.idleBelow, args.idleWaitSec) ?? NaN);
    lockLoads.push(loadAvg());
    for (const f of LOCK_FILES) rmSync(join(ws, f), { force: true });
    rerun.push(R.nx(['run-many', '-t', 'lock', '--skip-nx-cache'], /Successfully ran target lock for 3 projects/).s);
    hit.push(
      R.nx(
        ['run-many', '-t', 'lock'],
        /Nx read the output from the cache instead of running the command for 3 out of 3 tasks/,
      ).s,
    );
    log(`lock round ${round + 1}/${args.lockRepeat}: run ${fmt(rerun.at(-1))} s, all-hit ${fmt(hit.at(-1))} s`);
  }
  results.lock.rerun = stats(rerun);
  results.lock.hit = stats(hit);
  results.lock.load = median(lockLoads);
  results.lock.busy = median(lockBusy);
  return results;
}

// ---------------------------------------------------------------- report
function report(args, ctx, res, meta) {
  const s = res.sync.stats;
  const ratio = (a, b) => s[a].median / s[b].median;
  const goal = (r) => (r <= SYNC_GOAL ? 'met' : '**missed**');
  const lines = [];
  lines.push('## uv targets');
  lines.push('');
  lines.push(`Command: \`${meta.command}\` (harness: \`tools/bench/uv/run.mjs\`, see \`tools/bench/README.md\`).`);
  lines.push('');
  lines.push(`- Date: ${meta.date}`);
  lines.push(
    `- Machine: ${meta.machine}; Node ${process.version}; ${ctx.versions.uv}; Nx ${ctx.versions.nx}; @mlws/nx ${ctx.versions.plugin} (npm pack of ${meta.pluginDesc})`,
  );
  lines.push(
    `- Workspace: the playground fixture (\`tools/fixtures/playground\`, \`lockable\`, every submodule initialised: 4 hatchling members + 1 path package, dev/staging/prod), package remotes = local bare git repos, torch from the loopback index stand-in (\`tools/fixtures/torch-index\`). Every command is \`NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx … --output-style=static\`, wall time of the whole process; median (min–max) of ${args.repeat} interleaved rounds after ${args.warmup} warm-up round(s). Other sessions share this machine: before each round the harness waits (up to ${args.idleWaitSec} s) until the CPUs were less than ${Math.round(args.idleBelow * 100)}% busy over 1 s; median reading before the sync rounds ${pct(res.sync.busy)}, 1-min load avg ≈ ${res.sync.load.toFixed(1)}. Compare variants within one run.`,
  );
  lines.push('');
  lines.push(`### \`sync\` on an already-synced environment (backend \`${args.backend}\`)`);
  lines.push('');
  lines.push('| variant | command | s |');
  lines.push('|---|---|---:|');
  lines.push(
    `| (a) @mlws/nx, environment already synced | \`nx run bench-utils:sync:dev\` (prints "already synced", no uv) | ${cell(s.plugin)} |`,
  );
  lines.push(
    `| (b) @mlws/nx, forced | \`nx run bench-utils:sync:dev --force\` (runs \`uv ${ctx.syncCmd.join(' ')}\`) | ${cell(s.pluginForce)} |`,
  );
  lines.push(
    `| (c) nx:run-commands | \`nx run uv-baseline:sync-dev\` = \`uv ${ctx.syncCmd.join(' ')}\` | ${cell(s.runCommands)} |`,
  );
  lines.push(
    `| (c′) nx:run-commands, forked | (c) with \`NX_RUN_COMMANDS_DIRECTLY=false\`: run in a forked process like every other executor | ${cell(s.runCommandsForked)} |`,
  );
  lines.push(`| (d) uv alone, no Nx | \`uv ${ctx.syncCmd.join(' ')}\` | ${cell(s.uvAlone)} |`);
  lines.push(
    `| (e) a no-op custom executor | \`nx run uv-baseline:noop-executor\` (\`async () => ({ success: true })\`) | ${cell(s.noopExecutor)} |`,
  );
  lines.push('');
  lines.push(`| ratio | value | goal ≤ ${SYNC_GOAL}× |`);
  lines.push('|---|---:|---|');
  lines.push(
    `| (a)/(c): the target users run vs the same uv sync through nx:run-commands | ${ratio('plugin', 'runCommands').toFixed(2)}× | ${goal(ratio('plugin', 'runCommands'))} |`,
  );
  lines.push(
    `| (b)/(c): executor running uv vs nx:run-commands running uv | ${ratio('pluginForce', 'runCommands').toFixed(2)}× | ${goal(ratio('pluginForce', 'runCommands'))} |`,
  );
  lines.push(
    `| (a)/(c′): same execution model (forked) | ${ratio('plugin', 'runCommandsForked').toFixed(2)}× | ${goal(ratio('plugin', 'runCommandsForked'))} |`,
  );
  lines.push(
    `| (e)/(c): the fork every non-run-commands executor pays | ${ratio('noopExecutor', 'runCommands').toFixed(2)}× | — |`,
  );
  lines.push(
    `| (a)−(e): the sync executor's own work when it skips (load, checks, stamp) | ${fmt(s.plugin.median - s.noopExecutor.median)} s | — |`,
  );
  lines.push(`| (c)−(d): what any Nx target adds to uv sync | ${fmt(s.runCommands.median - s.uvAlone.median)} s | — |`);
  lines.push('');
  lines.push(
    'Nx runs `nx:run-commands` tasks inside its own process (`NX_RUN_COMMANDS_DIRECTLY`, default on) and forks a Node process for every other executor, so (c) is a floor no executor reaches; (e) measures that fork, (a)−(e) what the plugin itself adds.',
  );
  lines.push('');
  lines.push(
    `First sync of the dev environment (editable members, pytest, ruff, torch ${args.backend}; uv cache warm): ${fmt(res.sync.firstSync)} s.`,
  );
  lines.push('');
  lines.push('### `nx run-many -t lock` (dev, staging, prod)');
  lines.push('');
  lines.push('| run | s |');
  lines.push('|---|---:|');
  lines.push(
    `| first run ever (empty Nx cache; uv has not seen these remotes or this index) | **${fmt(res.lock.firstEver)}** (1 run) |`,
  );
  lines.push(
    `| second run, from the locks the first wrote (a miss: \`lock\` hashes the lock it starts from; uv finds them current) | ${fmt(res.lock.fromLocks)} (1 run) |`,
  );
  lines.push(`| locking again: lock files removed, \`--skip-nx-cache\` (uv cache warm) | ${cell(res.lock.rerun)} |`);
  lines.push(`| all cache hits ("Nx read the output from the cache … 3 out of 3 tasks") | ${cell(res.lock.hit)} |`);
  lines.push('');
  lines.push(
    `All-hit / first run: ${(res.lock.hit.median / res.lock.firstEver).toFixed(2)}× (${fmt(res.lock.firstEver / res.lock.hit.median)}× faster); all-hit / locking again: ${(res.lock.hit.median / res.lock.rerun.median).toFixed(2)}×. Median of ${args.lockRepeat} rounds; CPU busy before the rounds ${pct(res.lock.busy)}, load avg ≈ ${res.lock.load.toFixed(1)}.`,
  );
  lines.push('');
  lines.push(GENERATED_END);
  lines.push('');
  return lines.join('\n');
}

/**
 * Replaces the generated part of the `## uv targets` section of `file` (from the heading to the
 * GENERATED_END marker, or to the next `## ` heading when there is no marker); hand-written text
 * after the marker and every other section stay as they are. No section: appended at the end.
 */
function writeDocs(file, section) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.search(/^## uv targets\s*$/m);
  let out;
  if (start < 0) {
    out = `${text.replace(/\n*$/, '\n')}\n${section}`;
  } else {
    const rest = text.slice(start + 1);
    const nextHeading = rest.search(/^## /m);
    const sectionEnd = nextHeading < 0 ? text.length : start + 1 + nextHeading;
    const marker = text.indexOf(GENERATED_END, start);
    const end = marker >= 0 && marker < sectionEnd ? marker + GENERATED_END.length : sectionEnd;
    const tail = text.slice(end).replace(/^\n+/, '');
    out = `${text.slice(0, start)}${section}${tail ? `\n${tail}` : ''}`;
  }
  writeFileSync(file, out.replace(/\n*$/, '\n'));
  log(`wrote the "## uv targets" section of ${file}`);
}

// ---------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    log('building the plugin: npx nx run nx:build');
    run('npx', ['nx', 'run', 'nx:build'], { cwd: REPO, env: { ...process.env, NX_DAEMON: 'false' } });
  }
  if (!existsSync(join(args.pluginDir, 'package.json')))
    throw new Error(`${args.pluginDir} has no build of @mlws/nx: run npx nx run nx:build or pass --build`);
  const uv = findUv();
  const base = mkdtempSync('/tmp/mlws-bench-uv-');
  log(`working in ${base}`);
  let ctx;
  try {
    ctx = { ...(await setup(base, args, uv)), uv };
    const res = await measure(args, ctx);
    const head = run('git', ['log', '-1', '--format=%h', '--', 'packages/nx'], {
      cwd: REPO,
      check: false,
    }).stdout?.trim();
    const dirty = run('git', ['status', '--porcelain', '--', 'packages/nx'], {
      cwd: REPO,
      check: false,
    }).stdout?.trim();
    const cpus = os.cpus();
    const meta = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: `${cpus.length} cores (${cpus[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
      pluginDesc: `${args.pluginDir.replace(`${REPO}/`, '')}${head ? ` at ${head}${dirty ? ' + uncommitted changes' : ''}` : ''}`,
      command: `node tools/bench/uv/run.mjs --repeat ${args.repeat} --lock-repeat ${args.lockRepeat} --warmup ${args.warmup}${args.backend !== 'cpu' ? ` --backend ${args.backend}` : ''}${args.build ? ' --build' : ''}${args.writeDocs ? ` --write-docs ${args.writeDocs.replace(`${REPO}/`, '')}` : ''}`,
    };
    const md = report(args, ctx, res, meta);
    writeFileSync(
      join(base, 'results.json'),
      `${JSON.stringify({ meta, versions: ctx.versions, results: res }, null, 2)}\n`,
    );
    writeFileSync(join(base, 'results.md'), md);
    console.log(md);
    if (args.writeDocs) writeDocs(args.writeDocs, md);
  } finally {
    await ctx?.server?.stop();
    if (args.keep) log(`kept ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
