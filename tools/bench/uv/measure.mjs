// The measured part of the uv benchmark: sync on an already-synced environment (interleaved
// rounds of the variants), then `nx run-many -t lock` all cache hits against running.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadAvg, median, stats, waitForIdle, fmt } from '../shared/stats.mjs';
import { makeRunner } from './setup.mjs';

const log = (...m) => console.error('[bench:uv]', ...m);

const LOCK_FILES = ['uv.lock', 'staging/uv.lock', 'prod/uv.lock'];

export async function measure(args, ctx) {
  const { ws, syncCmd } = ctx;
  // a heavy torch goes to a uv cache of this run's own (not the user's), removed with the run
  const R = makeRunner(ws, ctx.uv, args.backend, args.torchMb ? { UV_CACHE_DIR: join(ctx.base, 'uv-cache') } : {});
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
  results.sync.venv = venvCheckCost(ws);
  log(`dev venv: ${results.sync.venv.files} files in site-packages; stamp check ${fmt(results.sync.venv.stampMs)} ms`);

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

/**
 * The "already synced" check on this venv, in-process: the plugin's own stamp (`stampFor`, from
 * the installed @mlws/nx) against what walking site-packages would cost; and the file count.
 */
function venvCheckCost(ws) {
  const require = createRequire(import.meta.url);
  // by file: the package's exports map does not list this module
  const { stampFor } = require(join(ws, 'node_modules/@mlws/nx/src/sync/sync-stamp.js'));
  const venv = join(ws, '.venv');
  const time = (fn, n) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - t0) / n;
  };
  let files = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      lstatSync(p);
      if (e.isDirectory()) walk(p);
      else files++;
    }
  };
  const lib = join(venv, 'lib');
  const site = readdirSync(lib).map((py) => join(lib, py, 'site-packages'));
  const walkMs = time(() => {
    files = 0;
    site.forEach(walk);
  }, 3);
  return { files, stampMs: time(() => stampFor(venv, 'key'), 50), walkMs };
}
