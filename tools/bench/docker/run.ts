/**
 * Benchmark: rebuilding the dev image after a one-file source change vs a cold build, with the
 * generated docker/Dockerfile-uv (goal ≤ 0.25×: the dependency layer must be reused).
 *
 *   node -r ./tools/setup/ts-register.cjs tools/bench/docker/run.ts [--repeat 3]
 *
 * Needs a Docker engine (bash tools/setup/ensure-docker.sh) and the pinned uv. Uses the playground
 * workspace, the torch index stand-in and the local base images, like the docker e2e suite.
 */
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerfileUv, DOCKERIGNORE } from '../../../packages/nx/src/docker/dockerfile-uv';
import { buildPlayground } from '../../fixtures/playground';
import { run } from '../../fixtures/proc';
import { startTorchIndex, writeTorchIndex } from '../../fixtures/torch-index';
import { REPO_ROOT } from '../../local-registry';

const DOCKER = process.env.DOCKER || '/usr/bin/docker';
const UV = process.env.UV || join(REPO_ROOT, '.tools/uv-0.13.8/bin/uv');
const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 3;

async function must(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, { cwd, env: { DOCKER_BUILDKIT: '1' }, timeoutMs: 30 * 60 * 1000 });
  if (r.code !== 0) throw new Error(`${r.command}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const images = Object.fromEntries(
    (await must('bash', [join(REPO_ROOT, 'tools/fixtures/docker-base/build.sh'), DOCKER, UV], REPO_ROOT))
      .trim()
      .split(/\s+/)
      .map((kv) => kv.split('=')),
  );
  const dir = mkdtempSync(join(tmpdir(), 'mlws-bench-docker-'));
  const indexDir = join(dir, 'index');
  mkdirSync(indexDir);
  writeTorchIndex(indexDir);
  const index = await startTorchIndex(indexDir);
  try {
    const pg = await buildPlayground(join(dir, 'pg'), { uninitialised: [], indexUrl: index.url, lockable: true });
    const ws = pg.root;
    await must(UV, ['lock'], ws);
    mkdirSync(join(ws, 'docker'), { recursive: true });
    writeFileSync(
      join(ws, 'docker', 'Dockerfile-uv'),
      dockerfileUv({ uvVersion: '0.13.8', cudaVersion: '12.4.1', prodDir: 'prod' }),
    );
    writeFileSync(join(ws, '.dockerignore'), DOCKERIGNORE);
    // MEMBER_BUILD_DEPS="" is the plain way (members' editable installs built in isolated
    // environments); the default preinstalls their build backend in the dependency layer.
    const variants: Array<[string, string[]]> = [
      ['default (build backend in the deps layer)', []],
      ['MEMBER_BUILD_DEPS="" (isolated member builds)', ['--build-arg', 'MEMBER_BUILD_DEPS=']],
    ];
    const rows = [
      '| dev image (cpu backend), median of ' + repeat + ' | cold | after a one-file change | ratio (goal ≤ 0.25×) |',
      '|---|---:|---:|---:|',
    ];
    for (const [label, extra] of variants) {
      const build = () =>
        must(
          DOCKER,
          [
            'build',
            '-f',
            'docker/Dockerfile-uv',
            '--target',
            'dev',
            '--network',
            'host',
            '--build-arg',
            'BACKEND=cpu',
            ...extra,
            ...Object.entries(images).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
            '-t',
            'mlws-bench:dev-cpu',
            '.',
          ],
          ws,
        );
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < repeat; i++) {
        await must(DOCKER, ['builder', 'prune', '--all', '--force'], ws);
        await run(DOCKER, ['image', 'rm', '--force', 'mlws-bench:dev-cpu'], { cwd: ws });
        cold.push(await timed(build));
        appendFileSync(
          join(ws, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'),
          `\nBENCH_EDIT_${label.length}_${i} = ${i}\n`,
        );
        warm.push(await timed(build));
      }
      const c = median(cold);
      const w = median(warm);
      const ratio = w / c;
      rows.push(
        `| ${label} | ${c.toFixed(1)} s | ${w.toFixed(1)} s | ${ratio.toFixed(2)}× ${ratio <= 0.25 ? 'met' : '**missed**'} |`,
      );
    }
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    await index.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exit(1);
});
