import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFailure, gitEnv, run, runGit, git, type RunResult } from '../../../../tools/fixtures/proc';
import { npmEnv } from '../../../../tools/local-registry';

export { run, runGit, git, gitEnv, describeFailure, type RunResult };

/** Finds `node_modules/.bin/<bin>` in `cwd` or its parents. */
export function findBin(cwd: string, bin: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', bin);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`node_modules/.bin/${bin} not found in ${cwd} or its parents`);
  }
}

/**
 * The environment of processes run inside test workspaces: the outer run's NX_* and npm_*
 * variables removed (this repo's own Nx/npm context must not leak in), hermetic git
 * (identity, protocol.file.allow=always via GIT_CONFIG_*), the local registry as npm registry
 * when the workspace project's globalSetup started one, no colours, no daemon, no cloud.
 */
export function workspaceEnv(extra?: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (/^NX_/.test(key) || /^npm_/i.test(key)) env[key] = undefined;
  }
  const registry = process.env['MLWS_E2E_REGISTRY'];
  const npmrc = process.env['MLWS_E2E_NPMRC'];
  if (registry && npmrc) Object.assign(env, npmEnv(npmrc, registry));
  Object.assign(env, gitEnv(), {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_SKIP_LOG_GROUPING: 'true',
    NX_VERBOSE_LOGGING: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  });
  return { ...env, ...extra };
}

/**
 * Runs the workspace's own Nx (`node_modules/.bin/nx`) with an argument array. Never throws on
 * a non-zero exit; stdin is closed so a prompt fails instead of hanging.
 */
export function runNx(
  cwd: string,
  args: readonly string[],
  env?: Record<string, string | undefined>,
  opts: { timeoutMs?: number } = {},
): Promise<RunResult> {
  return run(findBin(cwd, 'nx'), args, {
    cwd,
    env: workspaceEnv(env),
    timeoutMs: opts.timeoutMs ?? 5 * 60 * 1000,
  });
}

/** Throws a readable error (command, cwd, stdout, stderr) unless the process exited 0. */
export function assertSuccess(r: RunResult, cwd = '(unknown cwd)'): RunResult {
  if (r.code !== 0) throw new Error(describeFailure(r, cwd));
  return r;
}
