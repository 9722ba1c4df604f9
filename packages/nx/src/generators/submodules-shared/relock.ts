import type { EnvironmentPlace as EnvironmentOption } from '../../model/environment-roles';
import { lockArgv } from '../../uv/uv-argv';
import type { Step } from './steps';

export interface RelockInput {
  environments: readonly EnvironmentOption[];
  /** Workspace-relative pyprojects the generator changed. */
  changed: ReadonlySet<string>;
  /** Whether `<env>/uv.lock` exists. */
  hasLock: (envPath: string) => boolean;
  /**
   * dev: `if-changed` (like the others, the default), `if-locked` (whenever it has a lock: the lock
   * records member paths), `always` (creating the lock if missing).
   */
  dev?: 'if-changed' | 'if-locked' | 'always';
  /** Extra arguments of dev's `uv lock` (after a move: `--upgrade-package <name>`, or uv reads the old path from the lock). */
  devArgs?: readonly string[];
}

/**
 * `uv lock [--project <env>]` for each environment whose pyproject changed and that has a lock
 * (dev: as asked). A failed lock does not undo the generator: it stops with the command to rerun.
 */
export function relockSteps(input: RelockInput): Step[] {
  const steps: Step[] = [];
  for (const env of input.environments) {
    const file = env.path === '.' ? 'pyproject.toml' : `${env.path}/pyproject.toml`;
    const isDev = env.path === '.';
    const mode = isDev ? (input.dev ?? 'if-changed') : 'if-changed';
    const wanted = mode === 'always' || (input.hasLock(env.path) && (mode === 'if-locked' || input.changed.has(file)));
    const extraArgs = isDev ? (input.devArgs ?? []) : [];
    if (wanted)
      steps.push({
        command: { kind: 'uv', cwd: '.', args: lockArgv({ project: env.path, extraArgs }) },
        resumeOnFailure: true,
      });
  }
  return steps;
}

/** The lock files the relock steps write (`uv.lock`, `staging/uv.lock`), for the commit hint. */
export function lockFilesOf(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => {
    if (s.command.kind !== 'uv') return [];
    const at = s.command.args.indexOf('--project');
    return [at >= 0 ? `${s.command.args[at + 1]}/uv.lock` : 'uv.lock'];
  });
}
