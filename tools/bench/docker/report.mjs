// The `## Docker images` section of docs/benchmarks.md from one run of tools/bench/docker/run.mjs.
import { cell, fmt, median, pct } from '../shared/stats.mjs';
import { EDITED, IGNORED } from './measure.mjs';

export const HEADING = '## Docker images';
const MB = (b) => `${(b / 1e6).toFixed(0)} MB`;
const goal = (ok) => (ok ? 'met' : '**missed**');

function layers(history) {
  const rows = ['| size | created by |', '|---:|---|'];
  for (const [size, by = ''] of history) {
    const text = by
      .replace(/\s+/g, ' ')
      .replace(/^\/bin\/sh -c #\(nop\) /, '')
      .replace(/\|/g, '\\|');
    const shown = text
      ? `\`${text.length > 110 ? `${text.slice(0, 107)}…` : text}\``
      : '(the base image: debootstrap + docker import)';
    rows.push(`| ${size} | ${shown} |`);
  }
  return rows;
}

export function report(args, ctx, res, meta) {
  const s = res.stats;
  const z = res.sizes;
  const editRatio = s.devEdit.median / s.devCold.median;
  const sizeRatio = z.prod / (z.runtime + z.prodEnv);
  const L = [];
  L.push(HEADING, '');
  L.push(`Command: \`${meta.command}\` (harness: \`tools/bench/docker/\`, see \`tools/bench/README.md\`).`, '');
  L.push(`- Date: ${meta.date}; plugin: ${meta.pluginDesc}; Nx ${ctx.versions.nx}; ${meta.docker}`);
  L.push(
    `- Machine: ${meta.machine}. Other sessions share it (and its Docker engine): before each build the harness waits (up to ${args.idleWaitSec} s) until the CPUs were less than ${pct(args.idleBelow)} busy; median reading ${pct(median(res.busy))}, 1-min load avg ${fmt(Math.min(...res.load), 1)}–${fmt(Math.max(...res.load), 1)}. Compare rows of one run.`,
  );
  L.push(
    `- Workspace: the playground (4 hatchling members + 1 path package, dev/staging/prod), \`docker/Dockerfile-uv\` from \`nx g @mlws/nx:dockerfile\`, the local Debian base images (\`tools/fixtures/docker-base\`), prod pins fetched over loopback HTTP. torch (cpu) from the loopback index: **${ctx.wheel.filename}, ${MB(ctx.wheel.size)}** of random bytes (${args.torchMb ? `${args.torchFiles} small .py modules + 4 big .so-like files, tools/fixtures/torch-index/heavy-wheel.ts` : 'the few-KB stand-in'}); installed with bytecode: ${z.prodFiles} files in the prod venv.`,
  );
  L.push(
    `- Every row is \`nx run <env>:docker-build:cpu\` (wall time of the whole command, median (min–max) of ${args.repeat} interleaved round(s)). **cold** = \`--skip-nx-cache --args=--no-cache\` (no Nx cache, no Docker layer cache; the uv cache mount of the engine stays warm, so cold is a lower bound of a first build); **unchanged** = the same target again (Nx miss, every Docker step CACHED); **one-file edit** = after appending a line to \`${EDITED}\`; **Nx hit** = after an edit of no input of that image (prod: the same member edit; dev: a file in \`${IGNORED.replace(/\/[^/]+$/, '/')}\`, tool state).`,
    '',
  );
  L.push('| image | cold | unchanged (Docker all CACHED) | one-file edit | Nx cache hit after an edit of no input |');
  L.push('|---|---:|---:|---:|---:|');
  L.push(`| dev | ${cell(s.devCold, 1)} s | ${cell(s.devSame, 1)} s | ${cell(s.devEdit, 1)} s | ${cell(s.devHit)} s |`);
  L.push(
    `| prod | ${cell(s.prodCold, 1)} s | ${cell(s.prodSame, 1)} s | — (an edit of a member is no input of prod) | ${cell(s.prodHit)} s |`,
  );
  if (res.retries.length) L.push('', `Retried once after a failure (the shared engine): ${res.retries.join(', ')}.`);
  L.push('');
  L.push('| goal | value | |');
  L.push('|---|---:|---|');
  L.push(
    `| dev rebuild after a one-file edit / cold dev build ≤ 0.10× | ${editRatio.toFixed(3)}× | ${goal(editRatio <= 0.1)} |`,
  );
  L.push(
    `| an edit of no input of the image: Nx cache hit in ≤ 2 s (prod / dev) | ${fmt(s.prodHit.median)} s / ${fmt(s.devHit.median)} s | ${goal(s.prodHit.median <= 2 && s.devHit.median <= 2)} |`,
  );
  L.push(
    `| prod image / (runtime base + its installed environment) ≤ 1.05× | ${MB(z.prod)} / (${MB(z.runtime)} + ${MB(z.prodEnv)}) = ${sizeRatio.toFixed(3)}× | ${goal(sizeRatio <= 1.05)} |`,
  );
  L.push('');
  L.push(
    `Left in the prod image besides the venv (uv, uvx, git, gcc, uv cache, /wheels, sources): ${z.prodLeft ? `\`${z.prodLeft.replace(/\n/g, ' ')}\`` : 'nothing'}. The dev image: ${MB(z.dev)} = runtime ${MB(z.runtime)} + /app and /opt/uv-python ${MB(z.devEnv)} (${(z.dev / (z.runtime + z.devEnv)).toFixed(3)}×).`,
    '',
  );
  const slow = res.editSteps.filter((x) => !x.cached && x.s >= 0.05);
  L.push(
    `Where the dev rebuild after the one-file edit goes (BuildKit steps that ran, last round; ${res.editSteps.filter((x) => x.cached).length} steps CACHED):`,
    '',
  );
  L.push('| step | s |', '|---|---:|');
  for (const x of slow) L.push(`| \`${x.step.replace(/\|/g, '\\|').slice(0, 120)}\` | ${fmt(x.s, 1)} |`);
  L.push('');
  L.push('Layers of the prod image (`docker history`, newest first):', '', ...layers(z.prodHistory), '');
  L.push('Layers of the dev image:', '', ...layers(z.devHistory), '');
  return L.join('\n');
}
