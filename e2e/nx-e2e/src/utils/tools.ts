/**
 * External tools the suites need, and the skip policy: outside CI a suite whose tool is missing
 * is skipped loudly (what is missing, how to get it); with CI=true nothing skips — the suite
 * fails with the same message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type Tool = 'git' | 'uv' | 'docker';

const HOW_TO_GET: Record<Tool, string> = {
  git: 'install git >= 2.38 (apt-get install git)',
  uv: 'run `npm test` (tools/test/run.sh installs the pinned uv) or `bash tools/setup/ensure-uv.sh` and export UV=<printed path>',
  docker: 'install and start a Docker engine (apt-get install docker.io && dockerd &), then check `docker info`',
};

const cache = new Map<Tool, string | undefined>();

/** Path/command of uv for the suites: $UV (set by tools/test/run.sh), else `uv` on PATH. */
export function uvCommand(): string {
  return process.env['UV'] || 'uv';
}

function probe(tool: Tool): string | undefined {
  const ok = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
    return r.status === 0;
  };
  switch (tool) {
    case 'git':
      return ok('git', ['--version']) ? undefined : 'git is not on PATH';
    case 'uv': {
      const uv = uvCommand();
      if (process.env['UV'] && !existsSync(uv)) return `UV=${uv} does not exist`;
      return ok(uv, ['--version']) ? undefined : `uv not found (UV=${process.env['UV'] ?? '<unset>'}, not on PATH)`;
    }
    case 'docker': {
      const docker = process.env['DOCKER'] || 'docker';
      if (!ok(docker, ['--version'])) return `the docker CLI (${docker}) is not there`;
      return ok(docker, ['info']) ? undefined : `no Docker engine answers (\`${docker} info\` failed)`;
    }
  }
}

/** Why `tool` is unusable, or undefined when it works. Cached per process. */
export function missingTool(tool: Tool): string | undefined {
  if (!cache.has(tool)) cache.set(tool, probe(tool));
  return cache.get(tool);
}

export const isCi = (): boolean => /^(1|true|yes)$/i.test(process.env['CI'] ?? '');

/**
 * `describe` that needs `tools`. Missing tool: outside CI → describe.skip plus a loud warning;
 * with CI=true → the suite runs and fails in beforeAll with the reason.
 */
export function describeWithTools(tools: readonly Tool[], name: string, fn: () => void): void {
  const missing = tools
    .map((t) => [t, missingTool(t)] as const)
    .filter(([, why]) => why !== undefined)
    .map(([t, why]) => `${t}: ${why} — to get it: ${HOW_TO_GET[t]}`);
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const message = `suite "${name}" needs: \n  ${missing.join('\n  ')}`;
  // The one exception in CI: a Docker engine this machine cannot run at all (tools/setup/ensure-docker.sh
  // tried and said why, in MLWS_DOCKER_UNAVAILABLE). The suite says so and does not run.
  const unavailable = process.env['MLWS_DOCKER_UNAVAILABLE'];
  if (unavailable && tools.includes('docker') && missing.every((m) => m.startsWith('docker:'))) {
    process.stderr.write(
      `\n[mlws-e2e] NOT RUNNING suite "${name}": this machine cannot run a Docker engine (${unavailable})\n\n`,
    );
    describe.skip(name, fn);
    return;
  }
  if (isCi()) {
    describe(name, () => {
      beforeAll(() => {
        throw new Error(`${message}\n(CI=true: missing tools fail instead of skipping)`);
      });
      fn();
    });
  } else {
    process.stderr.write(`\n[mlws-e2e] SKIPPING ${message}\n\n`);
    describe.skip(name, fn);
  }
}
