import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld, FakeWorld } from '../../release/__testing__/fake-release-deps';
import { env, FILES, PKG, run, writingCalls } from './__testing__/release-world';
import { ReleaseExecutorOptions } from './executor';

describe('release executor: refusals before anything changes', () => {
  const cases: Array<[string, (w: FakeWorld) => void, ReleaseExecutorOptions, string]> = [
    [
      'a dirty package',
      (w) => (w.pkg.dirty = ['src/x.py']),
      { bump: 'dev' },
      '@mlws/nx: packages/bench-utils has uncommitted changes (src/x.py): commit or stash them (git -C packages/bench-utils stash --include-untracked), then release again',
    ],
    [
      'a detached package',
      (w) => (w.pkg.branch = undefined),
      { bump: 'dev' },
      '@mlws/nx: packages/bench-utils is on a detached HEAD (aaaaaaa), as git submodule update leaves it: run git -C packages/bench-utils switch <branch> (e.g. main), then release again',
    ],
    [
      'a package behind its remote',
      (w) => (w.pkg.remote.head = 'f'.repeat(40)),
      { bump: 'dev' },
      '@mlws/nx: packages/bench-utils is behind origin/main (the remote has commits that main does not): run git -C packages/bench-utils pull --rebase, then release again',
    ],
    [
      'a detached root',
      (w) => (w.rootRepo.branch = undefined),
      { bump: 'dev' },
      '@mlws/nx: the root repository is on a detached HEAD',
    ],
    [
      'staged root changes',
      (w) => (w.rootRepo.staged = ['README.md']),
      { bump: 'dev' },
      '@mlws/nx: the root repository has staged changes (README.md): the release commits only its own files; commit them or unstage them (git restore --staged README.md), then release again',
    ],
    [
      'a dirty staging pyproject',
      (w) => (w.rootRepo.dirty = ['staging/pyproject.toml']),
      { bump: 'dev' },
      '@mlws/nx: the root repository has uncommitted changes in files the release writes (staging/pyproject.toml)',
    ],
    [
      'no token',
      (w) => (w.deps.env = {}),
      { bump: 'dev' },
      '@mlws/nx: no GitHub token for the release on mlws/bench-utils: set GITHUB_TOKEN or GH_TOKEN (contents: write), or pass --github-release=false',
    ],
    [
      'a released version',
      (w) => (w.pkg.remote.tags['0.1.3'] = 'x'),
      { bump: 'patch' },
      '@mlws/nx: 0.1.3 is released already (tag 0.1.3 in packages/bench-utils and on its remote): pick another --bump, or set [project].version by hand',
    ],
    [
      '--bump stable on a final version',
      (w) => writeFileSync(join(w.root, 'packages/bench-utils/pyproject.toml'), PKG.replace('0.1.3.dev0', '0.1.3')),
      { bump: 'stable' },
      '@mlws/nx: cannot release packages/bench-utils with --bump stable: 0.1.3 is already a final release: use --bump patch, minor or major for the next one',
    ],
    [
      '--next-dev after a dev release',
      () => undefined,
      { bump: 'dev', nextDev: true },
      '@mlws/nx: --next-dev: 0.1.3.dev1 is a dev/pre-release; the next dev cycle opens after a final release',
    ],
    [
      'no --bump',
      () => undefined,
      {},
      '@mlws/nx: --bump is required: nx run bench-utils:release --bump <dev|patch|minor|major|stable> (or --resume)',
    ],
    [
      'a missing notes file',
      () => undefined,
      { bump: 'dev', notesFile: 'notes.md' },
      '@mlws/nx: --notes-file notes.md does not exist (it is read relative to the workspace root)',
    ],
    [
      'a package pyproject that is not UTF-8',
      (w) =>
        writeFileSync(
          join(w.root, 'packages/bench-utils/pyproject.toml'),
          Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${PKG}`)]),
        ),
      { bump: 'dev' },
      '@mlws/nx: packages/bench-utils/pyproject.toml is not UTF-8 (byte 0xe9 on line 1), and uv refuses such a file too',
    ],
    [
      'a staging pyproject that is not UTF-8',
      (w) =>
        writeFileSync(
          join(w.root, 'staging/pyproject.toml'),
          Buffer.concat([Buffer.from([0xff]), Buffer.from(env('staging', 'v0.1.3.dev0'))]),
        ),
      { bump: 'dev' },
      '@mlws/nx: staging/pyproject.toml is not UTF-8 (byte 0xff on line 1), and uv refuses such a file too',
    ],
  ];
  it.each(cases)('%s', async (_name, arrange, options, line) => {
    const w = fakeWorld(FILES);
    arrange(w);
    const r = await run(w, options);
    expect(r).toEqual({ success: false });
    expect(w.lines.some((l) => l.startsWith(line))).toBe(true);
    expect(writingCalls(w)).toEqual([]);
    expect(w.uvCalls).toEqual([]);
    expect(existsSync(join(w.root, 'dist/release/bench-utils/state.json'))).toBe(false);
  });

  it('reports every problem at once, one line each', async () => {
    const w = fakeWorld(FILES);
    w.pkg.dirty = ['a.py'];
    w.rootRepo.branch = undefined;
    w.deps.env = {};
    await run(w, { bump: 'dev' });
    expect(w.lines).toHaveLength(3);
    expect(w.lines.every((l) => l.startsWith('@mlws/nx: ') && !l.includes('\n'))).toBe(true);
  });
});
