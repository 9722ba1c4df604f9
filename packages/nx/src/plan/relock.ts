import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockArgv } from '../uv/uv-argv';
import { ProcessCommand, uv } from './command';
import type { Step } from './step';

/** An environment to relock: its name and workspace-relative directory (`.` for dev). */
export interface LockTarget {
  name: string;
  path: string;
}

/** `uv.lock`, `staging/uv.lock`. */
export const lockFileOf = (envPath: string): string => (envPath === '.' ? 'uv.lock' : `${envPath}/uv.lock`);

/** `uv lock [--project <env>] [extra]`, run from the workspace root. */
export function lockCommand(env: Pick<LockTarget, 'path'>, extraArgs: readonly string[] = []): ProcessCommand {
  return uv(lockArgv({ project: env.path, extraArgs }));
}

/**
 * The one relock step: `uv lock` for an environment, undone by putting its lock back as it was
 * (`before`: its text now, null when there is none). Every relock follows the plan's rule: a
 * failure rolls back what the plan did.
 */
export function relockStep(env: LockTarget, before: string | null, extraArgs: readonly string[] = []): Step {
  return {
    command: lockCommand(env, extraArgs),
    undo: [{ program: 'restore', path: lockFileOf(env.path), content: before }],
    environment: env.name,
  };
}

/** The text of an environment's lock on disk now (null: none), for relockStep's undo. */
export function lockOnDisk(root: string, envPath: string): string | null {
  const file = join(root, lockFileOf(envPath));
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** The lock files the relock steps of a plan write (`uv.lock`, `staging/uv.lock`), for the commit hint. */
export function lockFilesOf(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => {
    if (s.command.program !== 'uv' || s.command.args[0] !== 'lock') return [];
    const at = s.command.args.indexOf('--project');
    return [lockFileOf(at >= 0 ? s.command.args[at + 1] : '.')];
  });
}
