#!/usr/bin/env node
// uv-target benchmark of @mlws/nx on the playground (real uv, real git remotes, the torch index stand-in).
//
//   node tools/bench/uv/run.mjs [--repeat 10] [--lock-repeat 5] [--warmup 2] [--build] [--keep]
//        [--write-docs docs/benchmarks.md] [--plugin-dir dist/packages/nx] [--backend cpu]
//        [--idle-below 0.5] [--idle-wait 90] [--torch-mb 500 [--torch-files 24000] [--cache-dir DIR]] [--quick]
//
// 1. sync overhead: `nx run bench-utils:sync:dev` on an already-synced environment (the executor
//    finds its stamp and skips uv) against the same `uv sync --all-packages --extra <backend>` run
//    through `nx:run-commands`; also the executor with --force (it runs uv) and uv alone. Goal ≤ 1.05×
//    (≤ 1.0× with --torch-mb: the backend's torch as heavy as the real one, tens of thousands of files).
// 2. `nx run-many -t lock` all cache hits against the run that locks (first ever, and again with the
//    lock files removed and --skip-nx-cache).
// Everything happens in a fresh /tmp/mlws-bench-uv-XXXXXX (removed unless --keep). --quick: 3 rounds,
// 1 warm-up, 2 lock rounds.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocsSection } from '../shared/docs.mjs';
import { ensurePluginBuild, findUv, pluginDescription, REPO } from '../shared/nx-install.mjs';
import { isoNow, machine } from '../shared/stats.mjs';
import { measure } from './measure.mjs';
import { GENERATED_END, HEADING, report } from './report.mjs';
import { setup } from './setup.mjs';

const log = (...m) => console.error('[bench:uv]', ...m);

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
    torchMb: 0,
    torchFiles: 24000,
    cacheDir: '/tmp/mlws-bench-cache/torch',
  };
  const given = new Set();
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    given.add(k);
    switch (k) {
      case '--torch-mb':
        a.torchMb = Number(val());
        break;
      case '--torch-files':
        a.torchFiles = Number(val());
        break;
      case '--cache-dir':
        a.cacheDir = resolve(val());
        break;
      case '--quick':
        a.quick = true;
        break;
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
            .slice(1, 16)
            .join('\n'),
        );
        process.exit(0);
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (a.quick) {
    if (!given.has('--repeat')) a.repeat = 3;
    if (!given.has('--warmup')) a.warmup = 1;
    if (!given.has('--lock-repeat')) a.lockRepeat = 2;
  }
  if (!(a.torchMb >= 0)) throw new Error('bad --torch-mb');
  if (!(a.repeat >= 1) || !(a.lockRepeat >= 1) || !(a.warmup >= 0))
    throw new Error('bad --repeat/--lock-repeat/--warmup');
  if (!/^[a-z0-9]+$/.test(a.backend)) throw new Error(`bad --backend ${a.backend}`);
  return a;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  ensurePluginBuild(args.pluginDir, args.build, log);
  const uv = findUv();
  const base = mkdtempSync('/tmp/mlws-bench-uv-');
  log(`working in ${base}`);
  let ctx;
  try {
    ctx = { ...(await setup(base, args, uv)), uv };
    const res = await measure(args, ctx);
    const meta = {
      date: isoNow(),
      machine: machine(),
      pluginDesc: pluginDescription(args.pluginDir),
      command: [
        `node tools/bench/uv/run.mjs --repeat ${args.repeat} --lock-repeat ${args.lockRepeat} --warmup ${args.warmup}`,
        args.torchMb ? ` --torch-mb ${args.torchMb}` : '',
        args.torchMb && args.torchFiles !== 24000 ? ` --torch-files ${args.torchFiles}` : '',
        args.backend !== 'cpu' ? ` --backend ${args.backend}` : '',
        args.build ? ' --build' : '',
        args.writeDocs ? ` --write-docs ${args.writeDocs.replace(`${REPO}/`, '')}` : '',
      ].join(''),
    };
    writeFileSync(
      join(base, 'results.json'),
      `${JSON.stringify({ meta, versions: ctx.versions, results: res }, null, 2)}\n`,
    );
    const md = report(args, ctx, res, meta);
    writeFileSync(join(base, 'results.md'), md);
    console.log(md);
    if (args.writeDocs) {
      writeDocsSection(args.writeDocs, HEADING, md, GENERATED_END);
      log(`wrote the "${HEADING}" section of ${args.writeDocs}`);
    }
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
