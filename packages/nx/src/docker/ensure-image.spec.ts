import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushImage } from '../executors/docker-build/push-image';
import { fakeDocker } from '../clients/__testing__/fake-clients';
import { ensureImage } from './ensure-image';
import { formatImageRecord, ImageRecord } from './image-record';
import { describeRestoredTag } from './restore-tags';

const BUILT = `sha256:${'b'.repeat(64)}`;
const OTHER = `sha256:${'0'.repeat(64)}`;

/** An engine of image ids and tags that answers the docker commands the consumers run. */
function fakeEngine(images: string[], tags: Record<string, string>, failTag = false) {
  const ids = new Set(images);
  const tagMap = new Map(Object.entries(tags));
  const calls: string[][] = [];
  const resolve = (ref: string) => (ids.has(ref) ? ref : tagMap.get(ref));
  const docker = fakeDocker(async (args) => {
    calls.push([...args]);
    const ok = (stdout = '') => ({ exitCode: 0, stdout, stderr: '' });
    if (args[0] === 'image' && args[1] === 'inspect') {
      const id = resolve(args[args.length - 1]);
      if (args[3] === '{{.Id}}')
        return id ? ok(`${id}\n`) : { exitCode: 1, stdout: '', stderr: `Error: No such image: ${args[4]}` };
      return ok(`reg.local:5000/ml@sha256:${'d'.repeat(64)}\n`);
    }
    if (args[0] === 'tag') {
      if (failTag) return { exitCode: 1, stdout: '', stderr: 'Error response from daemon: refusing\n' };
      tagMap.set(args[2], resolve(args[1]) as string);
      return ok();
    }
    if (args[0] === 'pull') {
      ids.add(BUILT);
      return ok();
    }
    return ok();
  });
  return { docker, calls, tagOf: (t: string) => tagMap.get(t) };
}

function workspace(record: Partial<ImageRecord> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'mlws-image-'));
  mkdirSync(join(root, 'dist', 'docker'), { recursive: true });
  const full: ImageRecord = {
    imageId: BUILT,
    tags: ['ml:dev-cpu', 'ml:dev-cpu-123'],
    buildArgs: {},
    argv: ['build', '.'],
    ...record,
  };
  writeFileSync(join(root, 'dist/docker/dev.json'), formatImageRecord(full));
  return { root, record: full };
}

describe('the recorded tags after a cache hit', () => {
  it('puts a removed tag and a moved tag back on the recorded image and says which', async () => {
    const { root } = workspace();
    const engine = fakeEngine([BUILT, OTHER], { 'ml:dev-cpu': OTHER });
    const r = await ensureImage('dist/docker/dev.json', root, engine.docker, 'dev:docker-build');
    if (!r.ok) throw new Error(r.message);
    expect(r.how).toBe('present');
    expect(r.restored.map((t) => describeRestoredTag(t, r.record.imageId))).toEqual([
      `put the tag ml:dev-cpu back on the recorded image ${BUILT.slice(0, 19)} (it named ${OTHER.slice(0, 19)})`,
      `put the tag ml:dev-cpu-123 back on the recorded image ${BUILT.slice(0, 19)} (it was missing)`,
    ]);
    expect([engine.tagOf('ml:dev-cpu'), engine.tagOf('ml:dev-cpu-123')]).toEqual([BUILT, BUILT]);
  });

  it('leaves tags that name the recorded image alone', async () => {
    const { root } = workspace();
    const engine = fakeEngine([BUILT], { 'ml:dev-cpu': BUILT, 'ml:dev-cpu-123': BUILT });
    const r = await ensureImage('dist/docker/dev.json', root, engine.docker, 'dev:docker-build');
    expect(r.ok && r.restored).toEqual([]);
    expect(engine.calls.some((c) => c[0] === 'tag')).toBe(false);
  });

  it('pulls by digest when the engine lost the image, then tags it', async () => {
    const { root } = workspace({ digest: 'reg.local:5000/ml@sha256:abc' });
    const engine = fakeEngine([OTHER], { 'ml:dev-cpu': OTHER });
    const r = await ensureImage('dist/docker/dev.json', root, engine.docker, 'dev:docker-build');
    expect(r.ok && r.how).toBe('pulled');
    expect(engine.tagOf('ml:dev-cpu')).toBe(BUILT);
  });

  it('a tag that cannot be put back is one line with the command', async () => {
    const { root } = workspace();
    const engine = fakeEngine([BUILT], {}, true);
    const r = await ensureImage('dist/docker/dev.json', root, engine.docker, 'dev:docker-build');
    expect(r).toEqual({
      ok: false,
      message: `cannot put the tag ml:dev-cpu back on the recorded image ${BUILT.slice(0, 19)} (Error response from daemon: refusing): run docker tag ${BUILT} ml:dev-cpu`,
    });
  });

  it('push puts a moved tag back before pushing it', async () => {
    const { root, record } = workspace();
    const engine = fakeEngine([BUILT, OTHER], { 'ml:dev-cpu': OTHER, 'ml:dev-cpu-123': BUILT });
    const lines: string[] = [];
    const r = await pushImage(
      { ...record, tags: ['reg.local:5000/ml:dev-cpu'] },
      'dist/docker/dev.json',
      root,
      engine.docker,
      (l) => lines.push(l),
    );
    expect(r.ok).toBe(true);
    expect(engine.calls.filter((c) => c[0] === 'tag' || c[0] === 'push')).toEqual([
      ['tag', BUILT, 'reg.local:5000/ml:dev-cpu'],
      ['push', 'reg.local:5000/ml:dev-cpu'],
    ]);
    expect(lines).toEqual([
      `put the tag reg.local:5000/ml:dev-cpu back on the recorded image ${BUILT.slice(0, 19)} (it was missing)`,
    ]);
    expect(JSON.parse(readFileSync(join(root, 'dist/docker/dev.json'), 'utf8')).digest).toBe(
      `reg.local:5000/ml@sha256:${'d'.repeat(64)}`,
    );
  });
});
