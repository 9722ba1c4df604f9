import type { ExecutorContext } from '@nx/devkit';
import { defaultDeps, ExecutorDeps } from '../shared/deps';
import { runToolInPackage } from '../shared/uv-run-tool';

export interface TestExecutorOptions {
  package: string;
  junitPath?: string;
  args?: string[];
}

export default async function testExecutor(
  options: TestExecutorOptions,
  context: ExecutorContext,
  deps: ExecutorDeps = defaultDeps(),
): Promise<{ success: boolean }> {
  const junit = options.junitPath ?? 'reports/junit.xml';
  return runToolInPackage(context, deps, options.package, ['pytest', `--junitxml=${junit}`, ...(options.args ?? [])], {
    name: 'pytest',
    okCodes: { 5: `pytest collected no tests in ${options.package}: add tests under tests/` },
  });
}
