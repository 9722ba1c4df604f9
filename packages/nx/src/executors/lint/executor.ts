import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { runToolInPackage, ToolRunOptions } from '../shared/uv-run-tool';

export interface LintExecutorOptions extends ToolRunOptions {
  args?: string[];
}

export default async function lintExecutor(
  options: LintExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  // `python -m ruff`, not `ruff`: the environment's ruff or a clear failure, never the machine's
  // (see the test executor)
  return runToolInPackage(options, context, clients, ['python', '-m', 'ruff', 'check', '.', ...(options.args ?? [])], {
    name: 'ruff',
  });
}
