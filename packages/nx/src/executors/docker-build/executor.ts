import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { fail, info } from '../shared/fail';
import { buildImage } from './build-image';
import type { DockerBuildExecutorOptions } from './options';
import { pushImage } from './push-image';

export default async function dockerBuildExecutor(
  options: DockerBuildExecutorOptions,
  context: ExecutorContext,
  clients: Pick<Clients, 'docker' | 'git' | 'env'> = defaultClients(),
): Promise<{ success: boolean }> {
  const rev = await clients.git.run(['rev-parse', 'HEAD'], { cwd: context.root });
  const built = await buildImage(
    options,
    context,
    clients.docker,
    clients.env,
    rev.exitCode === 0 ? rev.stdout.trim() : undefined,
  );
  if (!built.ok) return fail(built.message);
  info(`built ${built.record.tags.join(', ')} (${built.record.imageId.slice(0, 19)}); record: ${built.recordFile}`);
  if (options.push && built.record.digest) info(`pushed ${built.record.digest}`);
  else if (options.push) {
    const pushed = await pushImage(built.record, built.recordFile, context.root, clients.docker, info);
    if (!pushed.ok) return fail(pushed.message);
    info(`pushed ${pushed.digest}`);
  }
  return { success: true };
}
