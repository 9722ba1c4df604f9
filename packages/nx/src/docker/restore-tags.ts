import type { DockerClient } from './docker-client';
import type { ImageRecord } from './image-record';

/** A tag put back on the recorded image: it was missing, or it named another image. */
export interface RestoredTag {
  tag: string;
  was: 'missing' | { imageId: string };
}

export type RestoreOutcome = { ok: true; restored: RestoredTag[] } | { ok: false; message: string };

/**
 * Puts every recorded tag back on the recorded image. Tags are mutable: after a cache hit of
 * docker-build the moving tag (`<image>:dev-cpu`) may have been removed, or moved to another image
 * (a build on another branch, a `docker tag`), while the record still names the image the build
 * produced. The engine must have the recorded image (see ensureImage).
 */
export async function restoreTags(record: ImageRecord, docker: DockerClient, cwd: string): Promise<RestoreOutcome> {
  const restored: RestoredTag[] = [];
  for (const tag of record.tags) {
    const r = await docker.run(['image', 'inspect', '--format', '{{.Id}}', tag], { cwd, stream: false });
    const current = r.exitCode === 0 ? r.stdout.trim() : undefined;
    if (current === record.imageId) continue;
    const tagged = await docker.run(['tag', record.imageId, tag], { cwd, stream: false });
    if (tagged.exitCode !== 0) {
      const why =
        tagged.stderr
          .split('\n')
          .map((l) => l.trim())
          .find(Boolean) ??
        tagged.startError ??
        `exit ${tagged.exitCode}`;
      return {
        ok: false,
        message: `cannot put the tag ${tag} back on the recorded image ${shortId(record.imageId)} (${why}): run docker tag ${record.imageId} ${tag}`,
      };
    }
    restored.push({ tag, was: current === undefined ? 'missing' : { imageId: current } });
  }
  return { ok: true, restored };
}

/** `put the tag ml:dev-cpu back on sha256:ecd45a621c05 (it named sha256:0b1c…)`, one per tag. */
export function describeRestoredTag(t: RestoredTag, imageId: string): string {
  const was = t.was === 'missing' ? 'it was missing' : `it named ${shortId(t.was.imageId)}`;
  return `put the tag ${t.tag} back on the recorded image ${shortId(imageId)} (${was})`;
}

export function shortId(id: string): string {
  return id.slice(0, 19);
}
