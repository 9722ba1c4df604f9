#!/usr/bin/env node
// Docker benchmark of @mlws/nx with a torch as heavy as the real one (issue 15, item 2).
//
//   node tools/bench/docker/run.mjs [--repeat 2] [--torch-mb 500] [--torch-files 24000] [--quick]
//        [--build] [--keep] [--write-docs docs/benchmarks.md] [--idle-below 0.5] [--idle-wait 20]
//
// Rounds of `nx run prod|dev:docker-build:cpu`: cold (no Nx cache, docker --no-cache), unchanged,
// after a one-file member edit (dev), and the Nx cache hit after an edit of no input; then the
// prod image's size against the runtime base + its venv, and both images' layers. Needs a Docker
// engine (bash tools/setup/ensure-docker.sh; DOCKER=/usr/bin/docker), uv, the npm registry.
// --quick: one round, a 200 MB torch. The heavy wheel is cached in --cache-dir between runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocsSection } from '../shared/docs.mjs';
import { ensurePluginBuild, findUv, pluginDescription, REPO, runSync } from '../shared/nx-install.mjs';
import { isoNow, machine } from '../shared/stats.mjs';
import { measure } from './measure.mjs';
import { HEADING, report } from './report.mjs';
import { baseImages, IMAGE, setupDockerWorkspace } from './setup.mjs';

const log = (...m) => console.error('[bench:docker]', ...m);

function parseArgs(argv) {
  const a = {
    repeat: 2,
    torchMb: 500,
    torchFiles: 24000,
    quick: false,
    build: false,
    keep: false,
    writeDocs: null,
    pluginDir: join(REPO, 'dist/packages/nx'),
    cacheDir: '/tmp/mlws-bench-cache/torch',
    idleBelow: 0.5,
    idleWaitSec: 20,
  };
  const given = new Set();
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    given.add(k);
    if (k === '--repeat') a.repeat = Number(val());
    else if (k === '--torch-mb') a.torchMb = Number(val());
    else if (k === '--torch-files') a.torchFiles = Number(val());
    else if (k === '--quick') a.quick = true;
    else if (k === '--build') a.build = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--write-docs') a.writeDocs = resolve(REPO, val());
    else if (k === '--plugin-dir') a.pluginDir = resolve(REPO, val());
    else if (k === '--cache-dir') a.cacheDir = resolve(val());
    else if (k === '--idle-below') a.idleBelow = Number(val());
    else if (k === '--idle-wait') a.idleWaitSec = Number(val());
    else if (k === '-h' || k === '--help') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 11)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (a.quick && !given.has('--repeat')) a.repeat = 1;
  if (a.quick && !given.has('--torch-mb')) a.torchMb = 200;
  if (!(a.repeat >= 1) || !(a.torchMb >= 0)) throw new Error('bad --repeat/--torch-mb');
  a.given = given;
  return a;
}

function commandLine(a) {
  const parts = ['node tools/bench/docker/run.mjs', `--repeat ${a.repeat}`, `--torch-mb ${a.torchMb}`];
  if (a.torchFiles !== 24000) parts.push(`--torch-files ${a.torchFiles}`);
  if (a.build) parts.push('--build');
  if (a.writeDocs) parts.push(`--write-docs ${a.writeDocs.replace(`${REPO}/`, '')}`);
  return parts.join(' ');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const docker = process.env.DOCKER || '/usr/bin/docker';
  ensurePluginBuild(args.pluginDir, args.build, log);
  const uv = findUv();
  const info = runSync(docker, ['version', '--format', '{{.Server.Version}}'], { check: false });
  if (info.status !== 0) throw new Error(`no Docker engine answers ${docker}: run bash tools/setup/ensure-docker.sh`);
  const images = baseImages(docker, uv);
  const base = mkdtempSync('/tmp/mlws-bench-docker-');
  log(`working in ${base}`);
  let ctx;
  try {
    ctx = { ...(await setupDockerWorkspace({ base, args, images, uv, log })), images };
    const res = await measure(ctx, args, docker);
    const meta = {
      date: isoNow(),
      machine: machine(),
      pluginDesc: pluginDescription(args.pluginDir),
      docker: `Docker ${info.stdout.trim()} (BuildKit through DOCKER_BUILDKIT=1, as the executor runs it)`,
      command: commandLine(args),
    };
    writeFileSync(join(base, 'results.json'), `${JSON.stringify({ meta, results: res }, null, 2)}\n`);
    const md = report(args, ctx, res, meta);
    console.log(md);
    if (args.writeDocs) {
      writeDocsSection(args.writeDocs, HEADING, md);
      log(`wrote the "${HEADING}" section of ${args.writeDocs}`);
    }
  } finally {
    await ctx?.stop?.();
    // the images this run tagged (the build cache is the engine's, pruned by its own GC)
    const ids = runSync(docker, ['images', IMAGE, '--format', '{{.ID}}'], { check: false }).stdout?.trim();
    if (ids && !args.keep) runSync(docker, ['image', 'rm', '--force', ...new Set(ids.split('\n'))], { check: false });
    if (args.keep) log(`kept ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
