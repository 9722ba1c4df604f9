import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from './docker-client';
import { imageExists } from './docker-client';
import { formatImageRecord, ImageRecord, parseImageRecord, recoveryFor, runnableArgv } from './image-record';
import { restoreTags, RestoredTag } from './restore-tags';

export type EnsureOutcome =
  | { ok: true; record: ImageRecord; how: 'present' | 'pulled' | 'rebuilt'; restored: RestoredTag[] }
  | { ok: false; message: string };

/**
 * Makes sure the image a docker-build record describes is in the engine before it is used.
 * A cache hit of docker-build restores only the record; the engine may have lost the image
 * (`docker image rm`, another machine). Present → use it; pushed → pull by digest;
 * else → rebuild with the recorded argv and update the record. Never a stale image: the image is
 * identified by the recorded id or digest, not by a mutable tag. Then every recorded tag is put
 * back on that image (a tag removed or moved to another image since the build), and `restored`
 * says which.
 */
export async function ensureImage(
  recordFile: string,
  root: string,
  docker: DockerClient,
  buildTarget: string,
): Promise<EnsureOutcome> {
  const got = await imageOfRecord(recordFile, root, docker, buildTarget);
  if (!got.ok) return got;
  const tags = await restoreTags(got.record, docker, root);
  if (!tags.ok) return tags;
  return { ...got, restored: tags.restored };
}

async function imageOfRecord(
  recordFile: string,
  root: string,
  docker: DockerClient,
  buildTarget: string,
): Promise<{ ok: true; record: ImageRecord; how: 'present' | 'pulled' | 'rebuilt' } | { ok: false; message: string }> {
  const abs = join(root, recordFile);
  if (!existsSync(abs))
    return { ok: false, message: `${recordFile} does not exist: build the image first with nx run ${buildTarget}` };
  const record = parseImageRecord(readFileSync(abs, 'utf8'));
  if (!record)
    return {
      ok: false,
      message: `${recordFile} is not an image record: rebuild it with nx run ${buildTarget} --skip-nx-cache`,
    };

  const recovery = recoveryFor(record, await imageExists(docker, record.imageId, root));
  if (recovery.kind === 'present') return { ok: true, record, how: 'present' };

  if (recovery.kind === 'pull') {
    const pulled = await docker.run(['pull', recovery.ref], { cwd: root });
    if (pulled.exitCode === 0) {
      const id = await docker.run(['image', 'inspect', '--format', '{{.Id}}', recovery.ref], {
        cwd: root,
        stream: false,
      });
      const updated = { ...record, imageId: id.stdout.trim() || record.imageId };
      writeFileSync(abs, formatImageRecord(updated));
      return { ok: true, record: updated, how: 'pulled' };
    }
    // the registry lost it too: fall through to a rebuild
  }

  const tmp = mkdtempSync(join(tmpdir(), 'mlws-iid-'));
  try {
    const iidfile = join(tmp, 'iid');
    const argv = runnableArgv(record.argv, { iidfile, metadataFile: join(tmp, 'metadata.json') });
    const r = await docker.run(argv, { cwd: root });
    if (r.exitCode !== 0)
      return {
        ok: false,
        message: `the image of ${recordFile} was gone and rebuilding it failed (exit ${r.exitCode}): nx run ${buildTarget} --skip-nx-cache`,
      };
    const updated = { ...record, imageId: readFileSync(iidfile, 'utf8').trim() };
    delete updated.digest;
    writeFileSync(abs, formatImageRecord(updated));
    return { ok: true, record: updated, how: 'rebuilt' };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
