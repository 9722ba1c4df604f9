import type { ExecutorContext } from '@nx/devkit';
import { join } from 'node:path';
import { buildArgv } from '../../uv/uv-argv';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { fail, info } from '../shared/fail';
import { projectRootOf } from '../shared/project-root';
import { checkBuildOutput, cleanOldDistributions } from './output-dir';

export interface BuildExecutorOptions {
  package: string;
  /** Build this source directory instead of the workspace member `package` (local path sources). */
  source?: string;
  outputPath?: string;
  args?: string[];
}

export default async function buildExecutor(
  options: BuildExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  const projectRoot = projectRootOf(context);
  const roots = Object.values(context.projectsConfigurations?.projects ?? {}).map((p) => p.root);
  const out = checkBuildOutput(context.root, options.outputPath ?? join(projectRoot, 'dist'), roots, projectRoot);
  if (!out.ok) return fail(clients.error, out.message);
  const outDir = out.dir;
  const uv = await clients.uv(context.root);
  if (!uv.ok) return fail(clients.error, uv.message);
  cleanOldDistributions(join(context.root, outDir), options.package);
  const argv = buildArgv({
    ...(options.source ? { source: options.source } : { package: options.package }),
    outDir,
    extraArgs: options.args,
  });
  const r = await uv.uv.run(argv, { cwd: context.root });
  if (r.exitCode !== 0)
    return fail(clients.error, `uv ${argv.join(' ')} failed with exit code ${r.exitCode} (see uv's output above)`);
  info(clients.log, `built ${options.package} into ${outDir}`);
  return { success: true };
}
