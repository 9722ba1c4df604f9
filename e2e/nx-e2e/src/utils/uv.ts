/**
 * Helpers of the uv suites: the playground workspace wired to a torch index stand-in, the venv's
 * python, and reading Nx's static output.
 *
 *   const index = await startTorchIndexFixture();            // wheels + loopback server
 *   const ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
 *   await venvPython(ws.root, 'staging', 'import bench_utils; print(bench_utils.__version__)');
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlayground } from '../../../../tools/fixtures/playground';
import {
  startTorchIndex,
  writeTorchIndex,
  type TorchIndexManifest,
  type TorchIndexServer,
} from '../../../../tools/fixtures/torch-index';
import { git, run, type RunResult } from '../../../../tools/fixtures/proc';
import { assertSuccess } from './run';
import { tmpDir } from './tmp';
import { addPluginToNxJson, templateDir, type PlaygroundWorkspace } from './workspace';

export interface TorchIndexFixture extends TorchIndexServer {
  manifest: TorchIndexManifest;
}

/** Generates the torch wheels in a temp dir and serves them on 127.0.0.1 (stop() in afterAll). */
export async function startTorchIndexFixture(): Promise<TorchIndexFixture> {
  const dir = tmpDir('torch-index');
  const manifest = writeTorchIndex(dir);
  const server = await startTorchIndex(dir);
  return Object.assign(server, { manifest });
}

export interface UvPlaygroundOptions {
  /** Base URL of the torch index (`<url>/<backend>` per index). */
  indexUrl: string;
  indexFormat?: 'simple' | 'flat';
  /** Default []: every submodule initialised, so the dev workspace locks. */
  uninitialised?: readonly string[];
  /** Default true: staging and prod lockable by uv (see the playground's `lockable`). */
  lockable?: boolean;
  pluginOptions?: Record<string, unknown>;
}

/**
 * Like createPlaygroundWorkspace (same template copy and commit), with the torch index and the
 * lockable environments: the root repo is the Nx workspace, `git status` is clean.
 */
export async function createUvPlaygroundWorkspace(opts: UvPlaygroundOptions): Promise<PlaygroundWorkspace> {
  const template = templateDir();
  const dir = tmpDir('uv-playground');
  const playground = await buildPlayground(dir, {
    uninitialised: opts.uninitialised ?? [],
    indexUrl: opts.indexUrl,
    ...(opts.indexFormat ? { indexFormat: opts.indexFormat } : {}),
    lockable: opts.lockable ?? true,
  });
  const { root } = playground;
  const items = ['package.json', 'package-lock.json', 'node_modules', 'nx.json'].map((f) => join(template, f));
  assertSuccess(await run('cp', ['-a', ...items, `${root}/`], { cwd: '/' }), root);
  if (opts.pluginOptions) addPluginToNxJson(root, '@mlws/nx', opts.pluginOptions);
  appendFileSync(join(root, '.gitignore'), '\n# Nx\nnode_modules/\n.nx/\n');
  await git(root, ['add', '--', 'package.json', 'package-lock.json', 'nx.json', '.gitignore']);
  await git(root, ['commit', '--quiet', '-m', 'Add Nx with @mlws/nx']);
  return {
    root,
    dir,
    remotesDir: playground.remotesDir,
    remotes: playground.remotes,
    manifest: playground.manifest,
    playground,
  };
}

/** Runs `<root>/<env dir>/.venv/bin/python -c <code>` (env `dev` = the root's .venv). */
export function venvPython(root: string, env: string, code: string): Promise<RunResult> {
  const venv = env === 'dev' ? join(root, '.venv') : join(root, env, '.venv');
  return run(join(venv, 'bin', 'python'), ['-c', code], {
    cwd: root,
    env: { PYTHONPATH: undefined, VIRTUAL_ENV: undefined },
  });
}

/** stdout + stderr of a run (Nx prints task output on stdout, its own errors on stderr). */
export const outputOf = (r: RunResult): string => `${r.stdout}\n${r.stderr}`;

/**
 * The `> nx run <task>` headers of `--output-style=static` output, with whether each was a cache
 * hit: Nx marks hits `[local cache]`, `[remote cache]`, or — when the task's outputs on disk
 * already match the cached ones (always so for a target without outputs) —
 * `[existing outputs match the cache, left as is]`.
 */
export function taskHeaders(output: string): Array<{ task: string; cached: boolean }> {
  return [...output.matchAll(/^> nx run (\S+)(.*)$/gm)].map((m) => ({
    task: m[1]!,
    cached: /\[(local cache|remote cache|existing outputs match the cache, left as is)\]/.test(m[2]!),
  }));
}

/**
 * How often the sync executor ran uv and how often it skipped, per environment, from the lines
 * `@mlws/nx: synced the <env> environment: uv sync …` and
 * `@mlws/nx: the <env> environment is already synced …`.
 */
export function countSyncs(output: string): Record<string, { ran: number; skipped: number }> {
  const counts: Record<string, { ran: number; skipped: number }> = {};
  const at = (env: string) => (counts[env] ??= { ran: 0, skipped: 0 });
  for (const m of output.matchAll(/^@mlws\/nx: synced the (\S+) environment: uv sync /gm)) at(m[1]!).ran++;
  for (const m of output.matchAll(/^@mlws\/nx: the (\S+) environment is already synced /gm)) at(m[1]!).skipped++;
  return counts;
}
