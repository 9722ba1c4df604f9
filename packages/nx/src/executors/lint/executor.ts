import type { ExecutorContext } from '@nx/devkit';
import { defaultDeps, ExecutorDeps } from '../shared/deps';
import { runToolInPackage } from '../shared/uv-run-tool';

export interface LintExecutorOptions {
  package: string;
  args?: string[];
}

export default async function lintExecutor(
  options: LintExecutorOptions,
  context: ExecutorContext,
  deps: ExecutorDeps = defaultDeps(),
): Promise<{ success: boolean }> {
  return runToolInPackage(context, deps, options.package, ['ruff', 'check', '.', ...(options.args ?? [])], { name: 'ruff' });
}
