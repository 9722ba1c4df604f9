import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockArgv } from '../uv/uv-argv';
import { ProcessCommand, showCommand, uv } from './command';
import { execute, PlanContext } from './execute';
import { rollBack, runUndo } from './run-plan';
import type { Plan, Step } from './step';

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

/** An environment to relock, with extra arguments of its `uv lock`. */
export interface RelockTarget extends LockTarget {
  extraArgs?: readonly string[];
}

/** How a relock failed; the locks already rewritten are put back (`stopped`: how that put-back stopped). */
export interface RelockFailure {
  line: string;
  shown: string;
  stopped?: string;
  /** What `run` threw, when it threw. */
  error?: unknown;
}

export interface RelockOptions {
  /** Runs one relock command (default: the plan's execute). Throwing is a failure. */
  run?: (command: ProcessCommand, environment: string) => Promise<void>;
  /** Print `$ <command>` before each relock, as the plan runner does. */
  announce?: boolean;
  /** After each lock is rewritten: its text before, and the command shown. */
  locked?: (target: LockTarget, before: string | null, shown: string) => void;
  /** The files to put back too on a failure, and what to say: the failure then throws like runPlan's roll-back. */
  restore?: Pick<Plan, 'restoreFiles' | 'rolledBack'>;
}

/**
 * The one relock policy: `uv lock` each target in order; when one fails, the locks already
 * rewritten (and its own) are put back as they were, newest first. Returns the failure (the
 * caller words it), or throws the plan runner's roll-back line when `restore` is given.
 */
export async function runRelock(
  targets: readonly RelockTarget[],
  ctx: PlanContext,
  opts: RelockOptions = {},
): Promise<RelockFailure | undefined> {
  const done: Step[] = [];
  for (const t of targets) {
    const before = lockOnDisk(ctx.root, t.path);
    const step = relockStep(t, before, t.extraArgs ?? []);
    const command = step.command as ProcessCommand;
    const shown = showCommand(command);
    if (opts.announce) ctx.log(`@mlws/nx: $ ${shown}`);
    const failure = await runOne(command, t.name, ctx, opts);
    if (failure) {
      const undo = [step, ...done.reverse()];
      if (opts.restore) return rollBack(undo, opts.restore, failure.line, ctx);
      const stopped = await runUndo(undo, ctx);
      return { ...failure, shown, ...(stopped ? { stopped } : {}) };
    }
    done.push(step);
    opts.locked?.(t, before, shown);
  }
  return undefined;
}

async function runOne(
  command: ProcessCommand,
  environment: string,
  ctx: PlanContext,
  opts: RelockOptions,
): Promise<{ line: string; error?: unknown } | undefined> {
  if (!opts.run) {
    const r = await execute(command, ctx, environment);
    return r.ok ? undefined : { line: r.line };
  }
  try {
    await opts.run(command, environment);
    return undefined;
  } catch (error) {
    return { line: error instanceof Error ? error.message : String(error), error };
  }
}
