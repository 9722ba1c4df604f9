import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { ensureImage } from '../../docker/ensure-image';
import { defaultRecordFile } from '../../docker/image-record';
import { describeRestoredTag } from '../../docker/restore-tags';
import { fail, info } from '../shared/fail';

export interface DockerRunOptions {
  recordFile?: string;
  buildTarget?: string;
  command?: string[];
  dockerArgs?: string[];
}

export default async function dockerRunExecutor(
  options: DockerRunOptions,
  context: ExecutorContext,
  clients: Pick<Clients, 'docker' | 'log' | 'error'> = defaultClients(),
): Promise<{ success: boolean }> {
  const recordFile = options.recordFile ?? defaultRecordFile(context.projectName ?? 'image');
  const buildTarget = options.buildTarget ?? `${context.projectName}:docker-build`;
  const ensured = await ensureImage(recordFile, context.root, clients.docker, buildTarget);
  if (!ensured.ok) return fail(clients.error, ensured.message);
  if (ensured.how !== 'present')
    info(
      clients.log,
      `the engine did not have ${ensured.record.tags[0]}: ${ensured.how} it (${ensured.record.imageId.slice(0, 19)})`,
    );
  for (const t of ensured.restored) info(clients.log, describeRestoredTag(t, ensured.record.imageId));
  const r = await clients.docker.run(
    ['run', '--rm', ...(options.dockerArgs ?? []), ensured.record.imageId, ...(options.command ?? [])],
    { cwd: context.root },
  );
  if (r.exitCode !== 0) return fail(clients.error, `docker run of ${ensured.record.tags[0]} exited with ${r.exitCode}`);
  return { success: true };
}
