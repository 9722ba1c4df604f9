// The measured part of the Docker benchmark: interleaved rounds of cold builds, rebuilds and Nx
// cache hits through `nx run <env>:docker-build:cpu`, then image and layer sizes.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAvg, stats, waitForIdle } from '../shared/stats.mjs';
import { asyncRun, IMAGE } from './setup.mjs';

const log = (...m) => console.error('[bench:docker]', ...m);
const HIT = /\[local cache\]|\[existing outputs match the cache, left as is\]|read the output from the cache/;
/** The member file the one-file edit changes. */
export const EDITED = 'packages/bench-utils/src/bench_utils/__init__.py';
/** A file of the members' tool state: in no input of any image (and not in the build context). */
export const IGNORED = 'packages/bench-utils/.pytest_cache/bench-note';

export async function measure(ctx, args, docker) {
  const retries = [];
  const once = (target, extra) =>
    asyncRun(ctx.nx, ['run', target, '--output-style=static', ...extra], ctx.ws, { ...ctx.env, DOCKER: docker });
  // The engine is shared with other sessions (a `docker builder prune` elsewhere cancels a build):
  // a failed build is retried once, and the retry is what is timed (and said in the report).
  const nx = async (target, extra, expect) => {
    const r = await once(target, extra).catch((e) => {
      log(`${target} failed, retrying once: ${String(e.message).split('\n').slice(-12).join(' | ').slice(0, 600)}`);
      retries.push(target);
      return once(target, extra);
    });
    if (expect === 'hit' && !HIT.test(r.out))
      throw new Error(`${target}: expected an Nx cache hit:\n${r.out.slice(-3000)}`);
    if (expect === 'run' && HIT.test(r.out)) throw new Error(`${target}: expected a build, got a cache hit`);
    return r;
  };
  const cold = (env) => nx(`${env}:docker-build:cpu`, ['--skip-nx-cache', '--args=--no-cache'], 'run');
  const plain = (env, expect) => nx(`${env}:docker-build:cpu`, [], expect);
  const keys = ['prodCold', 'prodSame', 'prodHit', 'devCold', 'devSame', 'devEdit', 'devHit'];
  const samples = Object.fromEntries(keys.map((k) => [k, []]));
  const busy = [];
  const loads = [];
  let lastEditOut = '';
  for (let round = 0; round < args.repeat; round++) {
    const t = {};
    const step = async (key, fn) => {
      busy.push(waitForIdle(args.idleBelow, args.idleWaitSec) ?? NaN);
      loads.push(loadAvg());
      const r = await fn();
      t[key] = r.s;
      samples[key].push(r.s);
      return r;
    };
    await step('prodCold', () => cold('prod'));
    // unchanged = an Nx miss with every Docker step CACHED; from round 2 on, the prod entry of
    // round 1 would be a hit (no input of prod changed), so the miss is forced
    await step('prodSame', () => nx('prod:docker-build:cpu', round ? ['--skip-nx-cache'] : [], 'run'));
    await step('devCold', () => cold('dev'));
    await step('devSame', () => nx('dev:docker-build:cpu', round ? ['--skip-nx-cache'] : [], 'run'));
    appendFileSync(join(ctx.ws, EDITED), `\nBENCH_EDIT_${round} = ${round}\n`);
    lastEditOut = (await step('devEdit', () => plain('dev', 'run'))).out;
    await step('prodHit', () => plain('prod', 'hit'));
    mkdirSync(join(ctx.ws, IGNORED, '..'), { recursive: true });
    writeFileSync(join(ctx.ws, IGNORED), `round ${round}\n`);
    await step('devHit', () => plain('dev', 'hit'));
    log(`round ${round + 1}/${args.repeat}: ${keys.map((k) => `${k} ${t[k].toFixed(1)}`).join(', ')}`);
  }
  return {
    stats: Object.fromEntries(keys.map((k) => [k, stats(samples[k])])),
    busy: busy.filter(Number.isFinite),
    load: loads,
    editSteps: buildSteps(lastEditOut),
    retries,
    sizes: await sizes(ctx, docker),
  };
}

/** BuildKit's plain progress: `#12 [build-dev 3/4] RUN …` then `#12 DONE 3.4s` or `#12 CACHED`. */
export function buildSteps(out) {
  const names = new Map();
  const steps = [];
  for (const line of out.split('\n')) {
    const named = /^#(\d+) (\[.+|exporting .+|writing image.*|naming to.*)$/.exec(line.trim());
    if (named && !names.has(named[1])) names.set(named[1], named[2]);
    const done = /^#(\d+) (DONE ([\d.]+)s|CACHED)$/.exec(line.trim());
    if (done && names.has(done[1]))
      steps.push({ step: names.get(done[1]), s: done[3] ? Number(done[3]) : 0, cached: done[2] === 'CACHED' });
  }
  return steps;
}

async function dockerOut(docker, argv) {
  return (await asyncRun(docker, argv, '/', process.env)).out.trim();
}

async function sizes(ctx, docker) {
  const size = async (ref) => Number(await dockerOut(docker, ['image', 'inspect', '--format', '{{.Size}}', ref]));
  const du = async (ref, paths) =>
    (await dockerOut(docker, ['run', '--rm', '--entrypoint', 'du', ref, '-sb', ...paths]))
      .split('\n')
      .reduce((n, l) => n + Number(l.split(/\s+/)[0] || 0), 0);
  const files = async (ref, path) =>
    Number(await dockerOut(docker, ['run', '--rm', '--entrypoint', 'sh', ref, '-c', `find ${path} | wc -l`]));
  const history = async (ref) =>
    (await dockerOut(docker, ['history', '--no-trunc', '--format', '{{.Size}}\t{{.CreatedBy}}', ref]))
      .split('\n')
      .map((l) => l.split('\t'));
  const leftovers = async (ref) =>
    dockerOut(docker, [
      'run',
      '--rm',
      '--entrypoint',
      'sh',
      ref,
      '-c',
      'for x in uv uvx git gcc; do command -v $x; done; ls -d /root/.cache/uv /wheels /app/packages /app/pyproject.toml 2>/dev/null; true',
    ]);
  const runtime = ctx.images.RUNTIME_IMAGE;
  const prod = `${IMAGE}:prod-cpu`;
  const dev = `${IMAGE}:dev-cpu`;
  return {
    runtime: await size(runtime),
    prod: await size(prod),
    prodEnv: await du(prod, ['/app/prod/.venv', '/opt/uv-python']),
    prodFiles: await files(prod, '/app/prod/.venv'),
    prodLeft: await leftovers(prod),
    prodHistory: await history(prod),
    dev: await size(dev),
    devEnv: await du(dev, ['/app', '/opt/uv-python']),
    devHistory: await history(dev),
  };
}
