import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { join } from 'node:path';
import { junitReportPath } from './junit-path';
import { runToolInPackage, ToolRunOptions } from '../shared/uv-run-tool';
import { projectRootOf } from '../shared/project-root';

export interface TestExecutorOptions extends ToolRunOptions {
  junitPath?: string;
  args?: string[];
}

export default async function testExecutor(
  options: TestExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  const projectRoot = projectRootOf(context);
  // relative to the workspace root (pytest runs in the package directory, so it gets it absolute)
  const junit = join(context.root, options.junitPath ?? junitReportPath(projectRoot));
  // `python -m pytest`, not `pytest`: uv puts the environment's bin first on PATH but falls back to
  // the rest of it, so a package whose environment lacks pytest would silently run whatever pytest
  // the machine has (another interpreter, other plugins), and a cached result would carry that
  // machine's state. The environment's python has pytest or fails saying so.
  return runToolInPackage(
    options,
    context,
    clients,
    ['python', '-m', 'pytest', `--junitxml=${junit}`, ...(options.args ?? [])],
    {
      name: 'pytest',
      okCodes: { 5: `pytest collected no tests in ${options.package}: add tests under tests/` },
    },
  );
}
