import { showCommand } from '../../plan/command';
import type { PlanContext } from '../../plan/execute';
import { lockCommand, LockTarget, relockStep, runRelock } from '../../plan/relock';
import { rollBack } from '../../plan/run-plan';
import type { Plan, Step } from '../../plan/step';
import type { EnvironmentPlace as EnvironmentOption } from '../../model/environment-roles';
import type { Clients } from '../../clients/clients';
import { environmentFile, isRootEnvironment } from '../../model/environment-files';
import { say } from './say';

export type { LockTarget } from '../../plan/relock';

/**
 * The relock of every generator: one `uv lock [--project <env>]` step per environment (the plan
 * engine's relockStep), run by the plan engine, so a failed lock rolls back what the generator did
 * (its files, the locks already rewritten, its git steps) and says so in one line.
 */

/** The files a generator wrote, with their text before (null: the file did not exist). */
export type Snapshot = Array<{ file: string; before: string | null }>;

/** Prints what the callback will run (also under --dry-run, where Nx runs no callback). */
export function announceRelock(deps: Pick<Clients, 'log'>, envs: readonly LockTarget[]): void {
  for (const env of envs) say(deps, `then: ${showCommand(lockCommand(env))}`);
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
    const files = snapshot.map((s) => s.file).join(', ');
    const restore: Pick<Plan, 'restoreFiles' | 'rolledBack'> = {
      restoreFiles: snapshot.map((s) => ({ program: 'restore', path: s.file, content: s.before })),
      rolledBack: `${files} ${snapshot.length === 1 ? 'is' : 'are'} restored, nothing changed: ${retry}`,
    };
    const ctx: PlanContext = { root, log: deps.log };
    const found = await deps.uv(root);
    if (!found.ok) return rollBack([], restore, `cannot relock: ${found.message}`, ctx);
    await runRelock(envs, { ...ctx, uv: found.uv }, { announce: true, restore });
  };
}

export interface RelockInput {
  environments: readonly EnvironmentOption[];
  /** Workspace-relative pyprojects the generator changed. */
  changed: ReadonlySet<string>;
  /** The text of `<env>/uv.lock` now (null: none, so nothing to relock unless dev is `always`), put back if the plan rolls back. */
  lockBefore: (envPath: string) => string | null;
  /**
   * dev: `if-changed` (like the others, the default), `if-locked` (whenever it has a lock: the lock
   * records member paths), `always` (creating the lock if missing).
   */
  dev?: 'if-changed' | 'if-locked' | 'always';
  /** Extra arguments of dev's `uv lock` (after a move: `--upgrade-package <name>`, or uv reads the old path from the lock). */
  devArgs?: readonly string[];
}

/** The relock steps of a submodule generator's plan: each environment whose pyproject changed and that has a lock (dev: as asked). */
export function relockSteps(input: RelockInput): Step[] {
  const steps: Step[] = [];
  for (const env of input.environments) {
    const file = environmentFile(env);
    const isDev = isRootEnvironment(env);
    const mode = isDev ? (input.dev ?? 'if-changed') : 'if-changed';
    const before = input.lockBefore(env.path);
    const wanted = mode === 'always' || (before !== null && (mode === 'if-locked' || input.changed.has(file)));
    if (wanted) steps.push(relockStep(env, before, isDev ? (input.devArgs ?? []) : []));
  }
  return steps;
}
