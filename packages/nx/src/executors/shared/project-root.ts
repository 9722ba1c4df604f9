import type { ExecutorContext } from '@nx/devkit';

/** The workspace-relative root of the project a task runs for (`.` when Nx does not say). */
export function projectRootOf(context: ExecutorContext): string {
  return context.projectsConfigurations?.projects[context.projectName ?? '']?.root ?? '.';
}
