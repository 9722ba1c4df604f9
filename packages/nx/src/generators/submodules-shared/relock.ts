import type { EnvironmentOption } from '../../plugin/options';
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
    if (wanted) steps.push({ command: { kind: 'uv', cwd: '.', args: lockArgv({ project: env.path }) }, resumeOnFailure: true });
  }
  return steps;
}
