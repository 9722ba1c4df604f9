import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryOf } from '../../docker/docker-argv';
import type { DockerClient } from '../../docker/docker-client';
import { formatImageRecord, ImageRecord } from '../../docker/image-record';
import { describeRestoredTag, restoreTags } from '../../docker/restore-tags';

/**
 * Pushes every tag of a classic build and stores the repository digest in its record. Each tag is
 * first put back on the recorded image (and `log` says so) so a moved tag never pushes another image.
 */
export async function pushImage(
  record: ImageRecord,
  recordFile: string,
  root: string,
  docker: DockerClient,
  log: (line: string) => void = () => undefined,
): Promise<{ ok: true; digest: string } | { ok: false; message: string }> {
  // a tag moved to another image since the build would push that image under the recorded name
  const tags = await restoreTags(record, docker, root);
  if (!tags.ok) return tags;
  for (const t of tags.restored) log(describeRestoredTag(t, record.imageId));
  for (const tag of record.tags) {
    const r = await docker.run(['push', tag], { cwd: root });
    if (r.exitCode !== 0)
      return {
        ok: false,
        message: `docker push ${tag} failed with exit code ${r.exitCode}: check docker login for its registry`,
      };
  }
  const inspect = await docker.run(['image', 'inspect', '--format', '{{join .RepoDigests "\\n"}}', record.imageId], {
    cwd: root,
    stream: false,
  });
  const repo = repositoryOf(record.tags[0]);
  const digest = inspect.stdout
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(`${repo}@`));
  if (!digest) return { ok: false, message: `pushed ${record.tags[0]} but the engine reports no digest for ${repo}` };
  writeFileSync(join(root, recordFile), formatImageRecord({ ...record, digest }));
  return { ok: true, digest };
}
