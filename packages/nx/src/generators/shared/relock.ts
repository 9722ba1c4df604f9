import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../process/run-process';
import { shellJoin } from '../../process/shell-quote';
import { diagnoseLockFailure } from '../../uv/diagnosis-context';
import { lockArgv } from '../../uv/uv-argv';
import type { Clients } from '../../clients/clients';
import { say } from './say';
import { firstLine } from '../../model/text';
import { fail } from './errors';

/** An environment to relock: its name and workspace-relative directory (`.` for dev). */
export interface LockTarget {
  name: string;
  path: string;
}

/** The files a generator wrote, with their text before (null: the file did not exist). */
export type Snapshot = Array<{ file: string; before: string | null }>;

export function lockCommand(env: LockTarget): string[] {
  return lockArgv({ project: env.path });
}

export const formatCommand = (program: string, args: readonly string[]): string => shellJoin([program, ...args]);

/** Prints what the callback will run (also under --dry-run, where Nx runs no callback). */
export function announceRelock(deps: Pick<Clients, 'log'>, envs: readonly LockTarget[]): void {
  for (const env of envs) say(deps, `then: ${formatCommand('uv', lockCommand(env))}`);
}

/**
 * The generator callback that relocks environments after Nx wrote the tree. If a lock fails,
 * every file in `snapshot` and every lock already rewritten is put back as it was, and the error
 * says so with the way forward (`retry`).
 */
export function relockCallback(
  root: string,
  envs: readonly LockTarget[],
  snapshot: Snapshot,
  deps: Pick<Clients, 'uv' | 'log'>,
  retry: string,
): () => Promise<void> {
  return async () => {
    if (envs.length === 0) return;
    const locks: Snapshot = envs.map((e) => {
      const file = e.path === '.' ? 'uv.lock' : `${e.path}/uv.lock`;
      const abs = join(root, file);
      return { file, before: existsSync(abs) ? readFileSync(abs, 'utf8') : null };
    });
    const rollback = (why: string): never => {
      for (const { file, before } of [...snapshot, ...locks]) {
        const abs = join(root, file);
        if (before === null) rmSync(abs, { force: true });
        else writeFileSync(abs, before);
      }
      const files = snapshot.map((s) => s.file).join(', ');
      return fail(`${why}; ${files} ${snapshot.length === 1 ? 'is' : 'are'} restored, nothing changed: ${retry}`);
    };
    const found = await deps.uv(root);
    if (!found.ok) return rollback(`cannot relock: ${found.message}`);
    for (const env of envs) {
      const args = lockCommand(env);
      const r = await found.uv.run(args, { cwd: root });
      if (r.exitCode !== 0) rollback(uvFailure(root, args, r, env.name));
      say(deps, `locked the ${env.name} environment: ${formatCommand('uv', args)}`);
    }
  };
}

/**
 * `uv lock … failed: <the cause and its fix>` when the lock target would diagnose the failure
 * (the same diagnoseUvError), else `uv lock … failed (<uv's error line>)`.
 */
export function uvFailure(
  root: string,
  args: readonly string[],
  r: Pick<RunResult, 'exitCode' | 'stderr' | 'startError'>,
  environment?: string,
): string {
  const hint = r.startError ? undefined : diagnoseLockFailure(root, args, r.stderr, environment);
  if (hint) return `${formatCommand('uv', args)} failed: ${hint}`;
  return `${formatCommand('uv', args)} failed (${uvErrorLine(r.stderr) || r.startError || `exit ${r.exitCode}`})`;
}

/**
 * The line of uv's stderr that says what went wrong (`error: …` or `× …`, with its `cause:` when
 * uv gives one), not the progress lines before it.
 */
export function uvErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => /^(error:|×)/.test(l));
  if (at < 0) return firstLine(stderr);
  const head = lines[at].replace(/^(error:|×)\s*/, '');
  const cause = lines.slice(at + 1).find((l) => /^(cause:|╰─▶)/.test(l));
  return cause ? `${head.replace(/:$/, '')}: ${cause.replace(/^(cause:|╰─▶)\s*/, '')}` : head;
}
