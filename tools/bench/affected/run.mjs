#!/usr/bin/env node
// Affected at scale: `nx affected -t build` after one edit inside one submodule, @mlws/nx (a)
// against the static floor (b*) (the same projects, edges, targets and named inputs in project.json).
//
//   node tools/bench/affected/run.mjs [--size 1000] [--repeat 3] [--warmup 1] [--build] [--keep]
//        [--write-docs docs/benchmarks.md] [--plugin-dir dist/packages/nx]
//
// Timed, per round and variant (NX_DAEMON=false NX_NO_CLOUD=true, NX_LEGACY_AFFECTED unset: Nx 24
// selects tasks): `nx affected -t build --base=HEAD --graph=<file>.json`, cold (after `nx reset`)
// and warm (again). `--graph=<file>` makes Nx compute the project graph, select the affected tasks
// and write the task graph, and run none: what is measured is selection, never a build. Both
// variants must select the same tasks (checked every run).

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { planWorkspace, renderUvLock } from '../graph/generate.mjs';
import {
  addStaticProjects,
  changedPaths,
  commitPackages,
  commitRoot,
  editInside,
  writeSubmoduleWorkspace,
} from './fixture.mjs';
import { installPlugin, nxBin, NX_ENV, parseArgs, REPO, run } from './shared.mjs';
import { median } from '../shared/stats.mjs';
import { writeDocsSection } from '../shared/docs.mjs';
import { sampleTree } from '../shared/proc-tree.mjs';

const log = (...m) => console.error('[bench:affected]', ...m);

function timeNx(ws, args) {
  return new Promise((done, fail) => {
    const acc = { cpu: new Map(), peakRssKb: 0 };
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [nxBin(ws), ...args], {
      cwd: ws,
      env: NX_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setInterval(() => sampleTree(child.pid, acc), 50);
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpuMs = ([...acc.cpu.values()].reduce((x, y) => x + y, 0) * 1000) / 100;
      if (code !== 0) fail(new Error(`nx ${args.join(' ')} failed in ${ws} (exit ${code}):\n${out.slice(-3000)}`));
      else done({ ms, cpuMs });
    });
  });
}

/** Task ids of the requested target `nx affected --graph` selected (dependencies of other targets left out). */
function selectedTasks(file, target) {
  const g = JSON.parse(readFileSync(file, 'utf8'));
  const all = Object.values(g.tasks.tasks).map((t) => `${t.target.project}:${t.target.target}`);
  return { requested: all.filter((id) => id.endsWith(`:${target}`)).sort(), all: all.sort() };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { size: 1000, repeat: 3, warmup: 1 });
  const base = mkdtempSync('/tmp/mlws-bench-affected-');
  log(`working in ${base}`);
  const deps = installPlugin(base, args);
  const depsDir = deps.dir;
  const plan = planWorkspace(args.size);
  const uvLock = renderUvLock(plan);
  const edited = plan.packages[Math.floor(plan.packages.length / 2)];
  const out = join(base, 'out');
  mkdirSync(out, { recursive: true });
  const ws = {};
  const t0 = Date.now();
  for (const v of ['mlws', 'static']) {
    ws[v] = join(base, 'ws', v);
    writeSubmoduleWorkspace(ws[v], v, plan, uvLock);
    for (const f of ['package.json', 'package-lock.json']) run('cp', [join(depsDir, f), join(ws[v], f)]);
    symlinkSync(join(depsDir, 'node_modules'), join(ws[v], 'node_modules'), 'dir');
    if (v === 'static') {
      // (b*) copies (a)'s inferred projects: one untimed (a) graph
      await timeNx(ws.mlws, ['graph', `--file=${join(out, 'a-graph.json')}`]);
      addStaticProjects(ws.static, JSON.parse(readFileSync(join(out, 'a-graph.json'), 'utf8')).graph.nodes);
    }
    commitPackages(ws[v], plan);
    const gitlinks = commitRoot(ws[v]);
    if (gitlinks !== plan.packages.length)
      throw new Error(`${v}: ${gitlinks} gitlinks, expected ${plan.packages.length}`);
    editInside(ws[v], edited);
    const changed = changedPaths(ws[v]);
    if (changed.join() !== edited.dir)
      throw new Error(`${v}: git reports ${changed.join(', ')}, expected ${edited.dir}`);
  }
  const fixtureS = (Date.now() - t0) / 1000;
  log(`fixture: ${plan.packages.length} submodules per variant, edit in ${edited.dir} (${fixtureS.toFixed(0)} s)`);

  const cmd = ['affected', '-t', 'build', '--base=HEAD'];
  const cells = { mlws: { cold: [], warm: [] }, static: { cold: [], warm: [] } };
  let selection;
  for (let round = -args.warmup; round < args.repeat; round++) {
    for (const v of ['mlws', 'static']) {
      await timeNx(ws[v], ['reset']);
      const r = {};
      for (const phase of ['cold', 'warm']) {
        const file = join(out, `${v}-${phase}.json`);
        rmSync(file, { force: true });
        r[phase] = await timeNx(ws[v], [...cmd, `--graph=${file}`]);
        const sel = selectedTasks(file, 'build');
        selection ??= sel;
        if (sel.all.join() !== selection.all.join())
          throw new Error(`${v} ${phase} selected other tasks than (a): ${sel.all.length} vs ${selection.all.length}`);
        if (round >= 0) cells[v][phase].push(r[phase]);
      }
      log(
        `${round < 0 ? 'warm-up' : `round ${round + 1}`} ${v}: cold ${(r.cold.ms / 1000).toFixed(2)}s warm ${(r.warm.ms / 1000).toFixed(2)}s`,
      );
    }
  }
  const s = (v, phase, k = 'ms') => median(cells[v][phase].map((m) => m[k])) / 1000;
  const f = (x) => x.toFixed(2);
  const ratio = (phase, k) => s('mlws', phase, k) / s('static', phase, k);
  const verdict = (x) => (x <= 1.15 ? 'met' : '**missed**');
  const report = [
    `| variant | cold s (median) | warm s (median) | CPU s cold / warm |`,
    `|---|---:|---:|---:|`,
    ...['mlws', 'static'].map(
      (v) =>
        `| ${v === 'mlws' ? '(a) @mlws/nx' : '(b*) static floor'} | **${f(s(v, 'cold'))}** | **${f(s(v, 'warm'))}** | ${f(s(v, 'cold', 'cpuMs'))} / ${f(s(v, 'warm', 'cpuMs'))} |`,
    ),
    '',
    `(a)/(b*): cold **${f(ratio('cold'))}×** (CPU ${f(ratio('cold', 'cpuMs'))}×), warm **${f(ratio('warm'))}×** (CPU ${f(ratio('warm', 'cpuMs'))}×); goal ≤ 1.15×: cold ${verdict(ratio('cold'))}, warm ${verdict(ratio('warm'))}.`,
    `Both select the same ${selection.all.length} tasks, ${selection.requested.length} of them \`build\` (the rest are what those depend on), checked on every run.`,
  ].join('\n');
  console.log(`\n${report}`);
  if (args.writeDocs) {
    const section = [
      '## Affected at scale',
      '',
      `Command: \`node tools/bench/affected/run.mjs --size ${args.size} --repeat ${args.repeat}${args.build ? ' --build' : ''}\` (harness: \`tools/bench/affected/\`).`,
      '',
      `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; ${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), load average before the runs ${os.loadavg()[0].toFixed(1)}; Node ${process.version}; Nx ${deps.nxVersion}; @mlws/nx at ${deps.commit}`,
      `- Fixture: the graph bench's workspace of ${args.size} packages (5 edges each, the root \`dev\` depends on all), every package a git submodule: its own repository with one commit, recorded as a gitlink in the root repository and declared in \`.gitmodules\` (the checkouts are in place; nothing is fetched). (a) infers everything; (b*) has the very projects, targets and named inputs (a) infers (copied from its graph.json, gitlink inputs included) in project.json, committed inside each package's repository, edges as \`implicitDependencies\`.`,
      `- The change: one line appended to \`${edited.dir}/src/${edited.module}/__init__.py\`, not committed; git reports it to Nx as the one path \`${edited.dir}\` (the submodule, dirty).`,
      `- Timed: \`NX_DAEMON=false NX_NO_CLOUD=true nx ${cmd.join(' ')} --graph=<file>.json\` (NX_LEGACY_AFFECTED unset: Nx 24 selects tasks): project graph + task selection + the task graph written to a file; no task runs, so no build is measured. cold = after \`nx reset\`, warm = the same again. Median of ${args.repeat} interleaved rounds after ${args.warmup} warm-up round(s); CPU = user+sys of nx and its plugin workers.`,
      '',
      report,
      '',
    ].join('\n');
    writeDocsSection(args.writeDocs, '## Affected at scale', section);
  }
  if (!args.keep) rmSync(join(base, 'ws'), { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
