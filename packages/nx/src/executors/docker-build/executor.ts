import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { pushImage } from '../../docker/push-image';
import { fail, info } from '../shared/fail';
import { buildImage } from './build-image';
import type { DockerBuildExecutorOptions } from './options';

export default async function dockerBuildExecutor(
  options: DockerBuildExecutorOptions,
  context: ExecutorContext,
  clients: Pick<Clients, 'docker' | 'git' | 'env' | 'process' | 'log' | 'error'> = defaultClients(),
): Promise<{ success: boolean }> {
  const rev = await clients.git.run(['rev-parse', 'HEAD'], { cwd: context.root });
  const built = await buildImage(options, context, rev.exitCode === 0 ? rev.stdout.trim() : undefined, clients);
  if (!built.ok) return fail(clients.error, built.message);
  info(
    clients.log,
    `built ${built.record.tags.join(', ')} (${built.record.imageId.slice(0, 19)}); record: ${built.recordFile}`,
  );
  if (options.push && built.record.digest) info(clients.log, `pushed ${built.record.digest}`);
  else if (options.push) {
    const pushed = await pushImage(built.record, built.recordFile, context.root, clients.docker, (m) =>
      info(clients.log, m),
    );
    if (!pushed.ok) return fail(clients.error, pushed.message);
    info(clients.log, `pushed ${pushed.digest}`);
  }
  return { success: true };
}
