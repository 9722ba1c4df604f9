#!/usr/bin/env node
// Project-graph benchmark: @mlws/nx vs the Nx floor (static project.json) vs @nxlv/python.
//
//   node tools/bench/graph/run.mjs [--sizes 200,1000,3000] [--repeat 3] [--warmup 1]
//        [--variants mlws,floor,noop,static,nxlv] [--nxlv-max 1000] [--build] [--wait-for-plugin MIN] [--keep]
//        [--write-docs docs/benchmarks.md] [--plugin-dir dist/packages/nx]
//
// Everything happens under a fresh /tmp/mlws-bench-XXXXXX: npm deps are installed once per variant
// (deps/<variant>), each workspace (ws/<variant>-<size>) gets a copy of that package.json/lock and a
// symlink to its node_modules. Rounds are interleaved (every variant once per round) so drift on
// the machine hits all variants alike. Per round and workspace:
//   cold = `nx reset`, then time `nx graph --file=graph.json`   (NX_DAEMON=false NX_NO_CLOUD=true)
//   warm = time the same command again (on-disk caches warm)
// The median of `--repeat` rounds is reported, after `--warmup` discarded rounds.
// CPU and peak RSS are sampled every 50 ms from /proc over the whole process tree (nx + its plugin
// workers): CPU = sum of user+sys of every process seen, peak RSS = largest sum of RSS at one sample.

import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import {
  planWorkspace,
  writeWorkspace,
  VARIANTS,
  VARIANT_LABELS,
  renderUvLock,
  NOOP_PLUGIN,
  NOOP_PLUGIN_NAME,
  addStaticTargets,
} from './generate.mjs';

import { median, waitForIdle } from '../shared/stats.mjs';
import { writeDocsSection } from '../shared/docs.mjs';
import { CLK_TCK, HAVE_PROC, sampleTree } from '../shared/proc-tree.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
// the pinned Nx of tools/setup/versions.env (what npm test and the demo use)
const NX_VERSION = /^NX_VERSION=(.+)$/m.exec(readFileSync(join(REPO, 'tools/setup/versions.env'), 'utf8'))[1].trim();
const NXLV_VERSION = '23.1.1';

// ---------------------------------------------------------------- args
function parseArgs(argv) {
  const a = {
    sizes: [200, 1000, 3000],
    nxlvMax: 1000,
    repeat: 3,
    warmup: 1,
    variants: [...VARIANTS],
    build: false,
    waitForPlugin: 0,
    keep: false,
    writeDocs: null,
    pluginDir: join(REPO, 'dist/packages/nx'),
    timeoutSec: 600,
    idleBelow: 0.25,
    idleWaitSec: 15,
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case '--sizes':
        a.sizes = val().split(',').map(Number);
        break;
      case '--repeat':
        a.repeat = Number(val());
        break;
      case '--nxlv-max':
        a.nxlvMax = Number(val());
        break;
      case '--warmup':
        a.warmup = Number(val());
        break;
      case '--variants':
        a.variants = val().split(',');
        break;
      case '--build':
        a.build = true;
        break;
      case '--wait-for-plugin':
        a.waitForPlugin = Number(val());
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
      case '--timeout':
        a.timeoutSec = Number(val());
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
            .slice(1, 8)
            .join('\n'),
        );
        process.exit(0);
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  for (const v of a.variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}`);
  if (!(a.repeat >= 1) || a.sizes.some((s) => !(s >= 1))) throw new Error('bad --repeat/--sizes');
  return a;
}

// ---------------------------------------------------------------- helpers
const log = (...m) => console.error('[bench]', ...m);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (opts.check !== false && r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || '').slice(-4000)}\n${(r.stdout || '').slice(-2000)}`,
    );
  }
  return r;
}

function pluginExportsCreateNodes(pluginDir) {
  const idx = join(pluginDir, 'src/index.js');
  if (!existsSync(idx)) return false;
  return /createNodes/.test(readFileSync(idx, 'utf8'));
}

const buildNotes = [];
function buildPlugin() {
  log('building the plugin: npx nx run nx:build (in', REPO + ')');
  const r = run('npx', ['nx', 'run', 'nx:build', '--skip-nx-cache'], {
    cwd: REPO,
    check: false,
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (r.status !== 0)
    buildNotes.push(`\`nx run nx:build\` failed (exit ${r.status}); benchmarked whatever dist/packages/nx held`);
  if (r.status !== 0)
    log(
      `build failed (exit ${r.status}); using whatever is in dist:\n${(r.stdout + r.stderr)
        .split('\n')
        .filter((l) => /error|fail/i.test(l))
        .slice(0, 8)
        .join('\n')}`,
    );
  return r.status === 0;
}

async function waitForPlugin(args) {
  const deadline = Date.now() + args.waitForPlugin * 60_000;
  for (;;) {
    if (args.build) buildPlugin();
    if (pluginExportsCreateNodes(args.pluginDir)) return true;
    if (Date.now() >= deadline) return false;
    log(`${args.pluginDir}/src/index.js exports no createNodes yet; retrying in 3 min`);
    await new Promise((r) => setTimeout(r, 180_000));
  }
}

// ---------------------------------------------------------------- install
function installDeps(base, variant, args) {
  const dir = join(base, 'deps', variant);
  mkdirSync(dir, { recursive: true });
  const devDependencies = { nx: NX_VERSION };
  const notes = [];
  if (variant === 'nxlv') {
    // @nx/devkit is not published for every nx patch (24.0.6 has devkit 24.0.0): the same major
    devDependencies['@nx/devkit'] = `^${NX_VERSION.split('.')[0]}.0.0`;
    devDependencies['@nxlv/python'] = NXLV_VERSION;
  }
  if (variant === 'noop') {
    const pdir = join(base, 'noop-plugin');
    mkdirSync(pdir, { recursive: true });
    writeFileSync(
      join(pdir, 'package.json'),
      JSON.stringify({ name: NOOP_PLUGIN_NAME, version: '0.0.0', main: 'index.js' }, null, 2),
    );
    writeFileSync(join(pdir, 'index.js'), NOOP_PLUGIN);
    const r = run('npm', ['pack', pdir, '--pack-destination', dir, '--json'], { cwd: dir });
    devDependencies[NOOP_PLUGIN_NAME] = `file:./${JSON.parse(r.stdout)[0].filename}`;
  }
  if (variant === 'mlws') {
    const r = run('npm', ['pack', args.pluginDir, '--pack-destination', dir, '--json'], { cwd: dir });
    const tgz = JSON.parse(r.stdout)[0].filename;
    devDependencies['@mlws/nx'] = `file:./${tgz}`;
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `bench-${variant}`, private: true, devDependencies }, null, 2),
  );
  log(
    `npm install (${variant}): ${Object.entries(devDependencies)
      .map(([k, v]) => `${k}@${v}`)
      .join(' ')}`,
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  if (variant === 'mlws') {
    // The plugin must load from its tarball install alone; report (and then bridge) missing deps.
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = run(
        process.execPath,
        ['-e', "const m=require('@mlws/nx');console.log(JSON.stringify(Object.keys(m)))"],
        { cwd: dir, check: false },
      );
      if (r.status === 0) {
        const keys = JSON.parse(r.stdout.trim().split('\n').pop());
        notes.push(`@mlws/nx exports: ${keys.join(', ') || '(nothing)'}`);
        if (!keys.includes('createNodes') && !keys.includes('createNodesV2'))
          throw new PluginNotReady('@mlws/nx loads but exports no createNodes');
        break;
      }
      const m = /Cannot find module '([^']+)'/.exec(r.stderr);
      if (!m || m[1].startsWith('.') || m[1].startsWith('/'))
        throw new Error(`@mlws/nx does not load:\n${r.stderr.slice(-3000)}`);
      const pkg = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      const msg = `@mlws/nx requires '${pkg}' but its package.json does not declare it: installed it beside the plugin so the bench can run — FIX THE PLUGIN'S DEPENDENCIES`;
      log(msg);
      notes.push(msg);
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '-D', pkg], { cwd: dir });
    }
  }
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const versions = {};
  for (const name of Object.keys(devDependencies)) versions[name] = lock.packages?.[`node_modules/${name}`]?.version;
  return { dir, notes, versions };
}

class PluginNotReady extends Error {}

function prepareWorkspace(base, variant, size, deps, plan, uvLock) {
  const ws = join(base, 'ws', `${variant}-${size}`);
  writeWorkspace(ws, variant, plan, { uvLock });
  copyFileSync(join(deps.dir, 'package.json'), join(ws, 'package.json'));
  copyFileSync(join(deps.dir, 'package-lock.json'), join(ws, 'package-lock.json'));
  for (const f of readdirSync(deps.dir)) if (f.endsWith('.tgz')) copyFileSync(join(deps.dir, f), join(ws, f));
  if (!existsSync(join(ws, 'node_modules')))
    symlinkSync(join(deps.dir, 'node_modules'), join(ws, 'node_modules'), 'dir');
  if (!existsSync(join(ws, '.git'))) run('git', ['init', '-q'], { cwd: ws });
  return ws;
}

// ---------------------------------------------------------------- measure
function nxBin(ws) {
  const pj = JSON.parse(readFileSync(join(ws, 'node_modules/nx/package.json'), 'utf8'));
  return join(ws, 'node_modules/nx', typeof pj.bin === 'string' ? pj.bin : pj.bin.nx);
}

const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
delete NX_ENV.NX_SKIP_NX_CACHE;
delete NX_ENV.CI;

function nxReset(ws) {
  run(process.execPath, [nxBin(ws), 'reset'], { cwd: ws, env: NX_ENV });
}

// The machine may be shared: before each measurement wait (up to --idle-wait s) until the CPUs
// were busy less than --idle-below of the time over one second, and record what it was.
function waitUntilIdle(args) {
  if (!HAVE_PROC || !(args.idleBelow < 1)) return null;
  return waitForIdle(args.idleBelow, args.idleWaitSec) ?? null;
}

function timeGraph(ws, args) {
  rmSync(join(ws, 'graph.json'), { force: true });
  return new Promise((resolvePromise) => {
    const acc = { cpu: new Map(), peakRssKb: 0 };
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [nxBin(ws), 'graph', '--file=graph.json'], {
      cwd: ws,
      env: NX_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = HAVE_PROC ? setInterval(() => sampleTree(child.pid, acc), 50) : null;
    const killer = setTimeout(() => child.kill('SIGKILL'), args.timeoutSec * 1000);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(timer);
      clearTimeout(killer);
      const cpuMs = HAVE_PROC ? ([...acc.cpu.values()].reduce((x, y) => x + y, 0) * 1000) / CLK_TCK : null;
      const rssKb = HAVE_PROC ? acc.peakRssKb || null : null;
      if (code !== 0) {
        resolvePromise({
          ok: false,
          ms,
          error: `exit ${code ?? signal}: ${out.trim().split('\n').slice(-15).join('\n')}`,
        });
        return;
      }
      // Nx exits 0 and writes a partial graph when a plugin throws: that run does not count.
      if (/error occurred while processing the project graph|plugin threw an error|Showing partial graph/i.test(out)) {
        const first = out
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /error/i.test(l))
          .slice(0, 3)
          .join(' | ');
        resolvePromise({ ok: false, partial: true, ms, rssKb, cpuMs, error: `partial graph: ${first}` });
        return;
      }
      resolvePromise({ ok: true, ms, rssKb, cpuMs });
    });
  });
}

function inspectGraph(ws, plan) {
  const g = JSON.parse(readFileSync(join(ws, 'graph.json'), 'utf8')).graph;
  const nodes = new Set(Object.keys(g.nodes));
  const edges = new Set();
  for (const [src, list] of Object.entries(g.dependencies)) {
    for (const d of list) if (nodes.has(d.target) && nodes.has(src)) edges.add(`${src}->${d.target}`);
  }
  const expected = new Set(plan.edges.map(([s, t]) => `${s}->${t}`));
  let missing = 0;
  for (const e of expected) if (!edges.has(e)) missing++;
  let extra = 0;
  for (const e of edges) if (!expected.has(e)) extra++;
  return { nodes: nodes.size, edges: edges.size, missing, extra, edgeSet: edges, nodeSet: nodes };
}

// ---------------------------------------------------------------- report
const fmtS = (ms) => (ms == null ? '—' : (ms / 1000).toFixed(2));
const fmtMb = (kb) => (kb == null ? '—' : String(Math.round(kb / 1024)));
const ratio = (x, y) => (x == null || y == null ? null : x / y);
const fmtR = (r) => (r == null ? '—' : `${r.toFixed(2)}×`);
const fmtMs = (x) => (x == null ? '—' : x.toFixed(2));

function summarize(cell) {
  if (!cell || cell.skipped) return null;
  const cold = cell.cold.filter((m) => m.ok);
  const warm = cell.warm.filter((m) => m.ok);
  return {
    cold: cold.length ? median(cold.map((m) => m.ms)) : null,
    warm: warm.length ? median(warm.map((m) => m.ms)) : null,
    coldRange: cold.length ? [Math.min(...cold.map((m) => m.ms)), Math.max(...cold.map((m) => m.ms))] : null,
    warmRange: warm.length ? [Math.min(...warm.map((m) => m.ms)), Math.max(...warm.map((m) => m.ms))] : null,
    coldCpu: cold.some((m) => m.cpuMs != null) ? median(cold.map((m) => m.cpuMs ?? 0)) : null,
    warmCpu: warm.some((m) => m.cpuMs != null) ? median(warm.map((m) => m.cpuMs ?? 0)) : null,
    rssKb: Math.max(0, ...[...cold, ...warm].map((m) => m.rssKb ?? 0)) || null,
    failures: cell.cold.length + cell.warm.length - cold.length - warm.length,
  };
}

function renderReport(results, args, meta) {
  const lines = [];
  lines.push(
    '| packages | variant | nodes | edges (expected) | cold s (median, min–max) | warm s (median, min–max) | CPU s cold / warm | peak RSS MB (tree) | notes |',
  );
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---|');
  const ratios = [];
  for (const size of args.sizes) {
    const row = results[size];
    const s = {};
    for (const v of args.variants) {
      const cell = row.cells[v];
      s[v] = summarize(cell);
      if (!cell || cell.skipped) {
        lines.push(
          `| ${size} | ${VARIANT_LABELS[v]} | — | — | — | — | — | — | skipped: ${cell?.skipped ?? 'not run'} |`,
        );
        continue;
      }
      const g = cell.graph;
      const notes = [];
      if (g && (g.missing || g.extra))
        notes.push(`⚠ edges differ from the plan: ${g.missing} missing, ${g.extra} extra`);
      if (s[v].failures)
        notes.push(`⚠ ${s[v].failures} failed runs: ${cell.lastError?.split('\n').slice(-2).join(' ')}`);
      if (v === 'mlws' && g && row.abDiff) {
        const d = row.abDiff;
        if (d.nodesOnlyA + d.nodesOnlyB + d.edgesOnlyA + d.edgesOnlyB) {
          notes.push(
            `⚠ (a) ≠ (b): nodes ${d.nodesOnlyA} only in (a), ${d.nodesOnlyB} only in (b); edges ${d.edgesOnlyA} only in (a), ${d.edgesOnlyB} only in (b)`,
          );
        } else notes.push('same nodes and edges as (b)');
      }
      const rng = (r) => (r ? `${fmtS(r[0])}–${fmtS(r[1])}` : '');
      lines.push(
        `| ${size} | ${VARIANT_LABELS[v]} | ${g?.nodes ?? '—'} | ${g?.edges ?? '—'} (${row.plan.edges.length}) | **${fmtS(s[v].cold)}** (${rng(s[v].coldRange)}) | **${fmtS(s[v].warm)}** (${rng(s[v].warmRange)}) | ${fmtS(s[v].coldCpu)} / ${fmtS(s[v].warmCpu)} | ${fmtMb(s[v].rssKb)} | ${notes.join('; ')} |`,
      );
    }
    ratios.push({
      size,
      abCold: ratio(s.mlws?.cold, s.floor?.cold),
      abWarm: ratio(s.mlws?.warm, s.floor?.warm),
      caCold: ratio(s.nxlv?.cold, s.mlws?.cold),
      caWarm: ratio(s.nxlv?.warm, s.mlws?.warm),
      abColdCpu: ratio(s.mlws?.coldCpu, s.floor?.coldCpu),
      abWarmCpu: ratio(s.mlws?.warmCpu, s.floor?.warmCpu),
      caColdCpu: ratio(s.nxlv?.coldCpu, s.mlws?.coldCpu),
      load: row.load,
      anCold: ratio(s.mlws?.cold, s.noop?.cold),
      anWarm: ratio(s.mlws?.warm, s.noop?.warm),
      asCold: ratio(s.mlws?.cold, s.static?.cold),
      asWarm: ratio(s.mlws?.warm, s.static?.warm),
      asColdCpu: ratio(s.mlws?.coldCpu, s.static?.coldCpu),
      asWarmCpu: ratio(s.mlws?.warmCpu, s.static?.warmCpu),
      // our own cost over the like-for-like floor, per package (ms)
      ownCold: s.mlws?.coldCpu != null && s.static?.coldCpu != null ? (s.mlws.coldCpu - s.static.coldCpu) / size : null,
      ownWarm: s.mlws?.warmCpu != null && s.static?.warmCpu != null ? (s.mlws.warmCpu - s.static.warmCpu) / size : null,
      // the scale curve from the steadier estimates on a shared machine: fastest round, and CPU
      own:
        s.mlws?.coldRange && s.static?.coldRange
          ? [
              s.mlws.coldRange[0] - s.static.coldRange[0],
              s.mlws.warmRange[0] - s.static.warmRange[0],
              s.mlws.coldCpu - s.static.coldCpu,
              s.mlws.warmCpu - s.static.warmCpu,
            ]
          : null,
    });
  }
  lines.push('');
  lines.push('Ratios of the medians (wall time; CPU time of the whole process tree in brackets):');
  lines.push('');
  lines.push(
    '| packages | (a)/(b) cold | goal ≤ 1.25× (at 1000) | (a)/(b) warm | goal ≤ 1.05× | (c)/(a) cold | goal ≥ 2× | (c)/(a) warm | (a)/(b+) cold / warm | (a)/(b*) cold / warm (CPU) | goal ≤ 1.10× | (a)−(b*) CPU ms per package cold / warm | CPU busy before runs |',
  );
  lines.push('|---:|---:|---|---:|---|---:|---|---:|---:|---:|---|---:|---:|');
  const verdict = (r, ok) => (r == null ? 'n/a' : ok(r) ? 'met' : '**missed**');
  for (const r of ratios) {
    const cpu = (x) => (x == null ? '' : ` (${fmtR(x)})`);
    lines.push(
      `| ${r.size} | ${fmtR(r.abCold)}${cpu(r.abColdCpu)} | ${verdict(r.abCold, (x) => x <= 1.25)}${r.size === 1000 ? '' : ' (goal is for 1000)'} | ${fmtR(r.abWarm)}${cpu(r.abWarmCpu)} | ${verdict(r.abWarm, (x) => x <= 1.05)} | ${fmtR(r.caCold)}${cpu(r.caColdCpu)} | ${verdict(r.caCold, (x) => x >= 2)} | ${fmtR(r.caWarm)} | ${fmtR(r.anCold)} / ${fmtR(r.anWarm)} | ${fmtR(r.asCold)}${cpu(r.asColdCpu)} / ${fmtR(r.asWarm)}${cpu(r.asWarmCpu)} | ${verdict(r.asCold, (x) => x <= 1.1)} / ${verdict(r.asWarm, (x) => x <= 1.1)} | ${fmtMs(r.ownCold)} / ${fmtMs(r.ownWarm)} | ${r.load == null ? '—' : `${Math.round(r.load * 100)}%`} |`,
    );
  }
  // the scale curve: growth of our own cost ((a)−(b*), ms) between consecutive sizes, per added package
  const withOwn = ratios.filter((r) => r.own);
  if (withOwn.length > 1) {
    const steps = withOwn.slice(1).map((r, i) => {
      const p = withOwn[i];
      const per = (k) => fmtMs((r.own[k] - p.own[k]) / (r.size - p.size));
      return `${p.size}→${r.size}: wall ${per(0)} / ${per(1)}, CPU ${per(2)} / ${per(3)}`;
    });
    const at = withOwn.map(
      (r) =>
        `${r.size}: wall ${fmtS(r.own[0])} / ${fmtS(r.own[1])} s, CPU ${fmtS(r.own[2])} / ${fmtS(r.own[3])} s (${fmtMs(r.own[2] / r.size)} ms CPU per package cold)`,
    );
    lines.push('');
    lines.push(
      `Our own cost (a)−(b*), cold / warm (wall: fastest round of each; CPU: medians): ${at.join('; ')}. Growth per added package (ms): ${steps.join('; ')}.`,
    );
  }
  const notes = [...new Set(meta.notes)];
  if (notes.length) {
    lines.push('');
    for (const n of notes) lines.push(`- ${n}`);
  }
  return lines.join('\n');
}

function writeDocs(file, report, args, meta) {
  const cmd = `npm run bench:graph -- --sizes ${args.sizes.join(',')} --repeat ${args.repeat}${args.build ? ' --build' : ''}`;
  const section = [
    '## Project graph',
    '',
    `Command: \`${cmd}\` (harness: \`tools/bench/graph/\`, see \`tools/bench/README.md\`).`,
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${meta.cpus} cores (${meta.cpuModel}), ${meta.memGiB} GiB, ${meta.platform}; Node ${process.version}; uv.lock as uv 0.13.8 writes it${meta.uvVersion ? ` (checked current with uv ${meta.uvVersion})` : ''}`,
    `- Nx ${meta.versions.nx ?? NX_VERSION}; @mlws/nx ${meta.versions['@mlws/nx'] ?? '—'} (tarball of dist/packages/nx${meta.pluginCommit ? ` at ${meta.pluginCommit}` : ''}); @nxlv/python ${meta.versions['@nxlv/python'] ?? NXLV_VERSION}`,
    `- Variants: (a) @mlws/nx inferring everything from pyproject.toml; (b) the same projects and edges as static project.json (\`implicitDependencies\`), no plugin; (b+) (b) plus a no-op plugin matching \`**/pyproject.toml\` (the cost of having any plugin); (b*) (b) plus the very targets (a) infers, written statically into project.json (the cost of the targets without inference); (c) @nxlv/python ${meta.versions['@nxlv/python'] ?? NXLV_VERSION}: project.json per package as its \`uv-project\` generator writes them + \`{ "plugin": "@nxlv/python" }\` for edges (uv workspace mode, from the root uv.lock).`,
    `- Each package depends on 5 lower-index packages (acyclic); the root pyproject (the dev workspace: project \`dev\`, distribution \`bench-workspace\`) depends on all of them, so edges = 5N−15 + N.`,
    `- cold = \`nx reset\` then \`NX_DAEMON=false NX_NO_CLOUD=true nx graph --file=graph.json\`; warm = the same again. Median of ${args.repeat} interleaved rounds after ${args.warmup} warm-up round(s). CPU = user+sys of nx and its plugin workers, peak RSS = largest summed RSS of that process tree (both sampled from /proc every 50 ms).`,
    `- The machine is shared with other sessions' builds and tests: before each measurement the harness waits (up to ${args.idleWaitSec} s) until the CPUs were less than ${Math.round(args.idleBelow * 100)}% busy over 1 s; "CPU busy before runs" is the mean of that reading. Compare variants within one run, not across runs; the CPU ratios are steadier than wall-time ratios under load.`,
    '',
    report,
    '',
  ].join('\n');
  writeDocsSection(file, '## Project graph', section);
  log(`wrote ${file}`);
}

// ---------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    notes: [],
    versions: {},
  };
  const base = mkdtempSync('/tmp/mlws-bench-');
  log(`working in ${base}`);

  const variants = VARIANTS.filter((v) => args.variants.includes(v));
  const skipped = {};
  if (variants.includes('mlws')) {
    const ready =
      args.waitForPlugin > 0
        ? await waitForPlugin(args)
        : (args.build && buildPlugin(), pluginExportsCreateNodes(args.pluginDir));
    if (!ready) {
      skipped.mlws = `${args.pluginDir}/src/index.js exports no createNodes (plugin not built or not written yet)`;
      meta.notes.push(`(a) skipped: ${skipped.mlws}`);
    }
    const head = run('git', ['log', '-1', '--format=%h', '--', 'packages/nx'], {
      cwd: REPO,
      check: false,
    }).stdout?.trim();
    const dirty = run('git', ['status', '--porcelain', '--', 'packages/nx'], {
      cwd: REPO,
      check: false,
    }).stdout?.trim();
    meta.pluginCommit = head ? `${head}${dirty ? ' + uncommitted changes' : ''}` : null;
  }

  meta.notes.push(...new Set(buildNotes));
  const deps = {};
  for (const v of variants) {
    if (skipped[v]) continue;
    if (v === 'static') {
      // (b*) runs the executors of (a)'s targets, so it needs the same packages (Nx resolves each
      // target's executor package; an unresolvable one is retried, uncached, for every target).
      if (deps.mlws) deps.static = deps.mlws;
      else skipped.static = '(b*) copies the targets of (a), which did not run';
      continue;
    }
    try {
      deps[v] = installDeps(base, v, args);
      meta.notes.push(...deps[v].notes);
      Object.assign(meta.versions, deps[v].versions);
    } catch (e) {
      if (!(e instanceof PluginNotReady) && v !== 'mlws') throw e;
      skipped[v] = e.message.split('\n')[0];
      meta.notes.push(`${VARIANT_LABELS[v]} skipped: ${e.message.split('\n').slice(0, 6).join(' ')}`);
      log(`${v} skipped:`, e.message);
    }
  }

  const uv = run('uv', ['--version'], { check: false });
  meta.uvVersion = uv.status === 0 ? uv.stdout.trim().split(' ')[1] : null;

  const results = {};
  for (const size of args.sizes) {
    const plan = planWorkspace(size);
    const uvLock = renderUvLock(plan);
    results[size] = { plan, cells: {} };
    const wss = {};
    for (const v of variants) {
      if (skipped[v] || (v === 'nxlv' && size > args.nxlvMax)) {
        // (c) is O(N²) (see below): above --nxlv-max it would take most of the run
        results[size].cells[v] = { skipped: skipped[v] ?? `above --nxlv-max ${args.nxlvMax}` };
        continue;
      }
      wss[v] = prepareWorkspace(base, v, size, deps[v], plan, uvLock);
      results[size].cells[v] = { cold: [], warm: [], graph: null };
    }
    if (meta.uvVersion && Object.values(wss)[0]) {
      const chk = run('uv', ['lock', '--check', '--offline'], { cwd: Object.values(wss)[0], check: false });
      if (chk.status !== 0)
        meta.notes.push(
          `uv ${meta.uvVersion} says the generated uv.lock of ${size} is not current: ${chk.stderr.trim().split('\n').pop()}`,
        );
    }
    if (wss.static) {
      // (b*) needs (a)'s targets: one untimed (a) run gives them.
      if (!wss.mlws) {
        delete wss.static;
        results[size].cells.static = { skipped: '(b*) copies the targets of (a), which did not run' };
      } else {
        nxReset(wss.mlws);
        const r = await timeGraph(wss.mlws, args);
        if (r.ok)
          addStaticTargets(wss.static, JSON.parse(readFileSync(join(wss.mlws, 'graph.json'), 'utf8')).graph.nodes);
        else {
          delete wss.static;
          results[size].cells.static = { skipped: `(a) failed, so no targets to copy: ${r.error.split('\n')[0]}` };
        }
      }
    }
    const active = Object.keys(wss);
    const loads = [];
    log(`size ${size}: ${plan.projectCount} projects, ${plan.edges.length} edges; variants ${active.join(', ')}`);
    for (let round = -args.warmup; round < args.repeat; round++) {
      for (const v of active) {
        const ws = wss[v];
        const cell = results[size].cells[v];
        const busy = waitUntilIdle(args);
        if (busy != null) loads.push(busy);
        nxReset(ws);
        const cold = await timeGraph(ws, args);
        const coldGraph = cold.ok || cold.partial ? inspectGraph(ws, plan) : null;
        const warm = await timeGraph(ws, args);
        const warmGraph = warm.ok || warm.partial ? inspectGraph(ws, plan) : null;
        for (const [m, g] of [
          [cold, coldGraph],
          [warm, warmGraph],
        ]) {
          if (!m.ok) cell.lastError = m.error;
          if (g && cell.graph && (g.nodes !== cell.graph.nodes || g.edges !== cell.graph.edges)) {
            meta.notes.push(
              `${VARIANT_LABELS[v]} @${size}: graph changed between runs (${cell.graph.nodes}/${cell.graph.edges} vs ${g.nodes}/${g.edges})`,
            );
          }
          if (g && !cell.graph) cell.graph = g;
        }
        if (round >= 0) {
          cell.cold.push(cold);
          cell.warm.push(warm);
        }
        log(
          `  ${round < 0 ? 'warm-up' : `round ${round + 1}`} ${v}: cold ${fmtS(cold.ok ? cold.ms : null)}s warm ${fmtS(warm.ok ? warm.ms : null)}s${[
            cold,
            warm,
          ]
            .filter((m) => !m.ok)
            .map((m) => ` ERROR ${m.error.split('\n').slice(-3).join(' | ')}`)
            .join('')}`,
        );
      }
    }
    results[size].load = loads.length ? loads.reduce((x, y) => x + y, 0) / loads.length : null;
    // Compare (a) and (b) edge by edge, not only by count.
    const a = results[size].cells.mlws?.graph;
    const b = results[size].cells.floor?.graph;
    if (a && b) {
      const onlyA = [...a.edgeSet].filter((e) => !b.edgeSet.has(e));
      const onlyB = [...b.edgeSet].filter((e) => !a.edgeSet.has(e));
      const nodesOnlyA = [...a.nodeSet].filter((n) => !b.nodeSet.has(n));
      const nodesOnlyB = [...b.nodeSet].filter((n) => !a.nodeSet.has(n));
      results[size].abDiff = {
        nodesOnlyA: nodesOnlyA.length,
        nodesOnlyB: nodesOnlyB.length,
        edgesOnlyA: onlyA.length,
        edgesOnlyB: onlyB.length,
      };
      if (onlyA.length || onlyB.length || nodesOnlyA.length || nodesOnlyB.length) {
        meta.notes.push(
          `⚠ @${size}: (a) vs (b) — nodes only in (a): ${nodesOnlyA.slice(0, 5).join(', ') || 'none'}; only in (b): ${nodesOnlyB.slice(0, 5).join(', ') || 'none'}; edges only in (a): ${onlyA.length} (${onlyA.slice(0, 3).join(', ')}); only in (b): ${onlyB.length} (${onlyB.slice(0, 3).join(', ')})`,
        );
      }
    }
  }

  for (const size of args.sizes)
    for (const c of Object.values(results[size].cells))
      if (c.graph) {
        delete c.graph.edgeSet;
        delete c.graph.nodeSet;
      }
  const report = renderReport(results, args, meta);
  writeFileSync(
    join(base, 'results.json'),
    JSON.stringify(
      {
        meta,
        args,
        results: Object.fromEntries(
          Object.entries(results).map(([k, v]) => [
            k,
            { ...v, plan: { size: v.plan.size, projects: v.plan.projectCount, edges: v.plan.edges.length } },
          ]),
        ),
      },
      null,
      2,
    ),
  );
  writeFileSync(join(base, 'results.md'), report + '\n');
  console.log(
    `\nProject graph benchmark — ${meta.date}, ${meta.cpus} cores, Nx ${meta.versions.nx ?? NX_VERSION}, Node ${process.version}\n`,
  );
  console.log(report);
  console.log(`\nresults: ${join(base, 'results.json')}`);
  if (args.writeDocs) writeDocs(args.writeDocs, report, args, meta);
  if (!args.keep) {
    rmSync(join(base, 'ws'), { recursive: true, force: true });
    rmSync(join(base, 'deps'), { recursive: true, force: true });
    log(`removed the workspaces (kept ${base}/results.*; --keep keeps everything)`);
  }
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
