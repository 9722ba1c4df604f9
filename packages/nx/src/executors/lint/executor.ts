import type { ExecutorContext } from '@nx/devkit';
import { defaultDeps, ExecutorDeps } from '../shared/deps';
import { runToolInPackage, ToolRunOptions } from '../shared/uv-run-tool';

export interface LintExecutorOptions extends ToolRunOptions {
  args?: string[];
}

export default async function lintExecutor(
  options: LintExecutorOptions,
  context: ExecutorContext,
  deps: ExecutorDeps = defaultDeps(),
): Promise<{ success: boolean }> {
  // `python -m ruff`, not `ruff`: the environment's ruff or a clear failure, never the machine's
  // (see the test executor)
  return runToolInPackage(options, context, deps, ['python', '-m', 'ruff', 'check', '.', ...(options.args ?? [])], {
    name: 'ruff',
  });
}
