import type { ExecutorContext } from '@nx/devkit';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld, FakeWorld } from '../../release/__testing__/fake-release-deps';
import { readState } from '../../release/state';
import releaseExecutor, { ReleaseExecutorOptions } from './executor';

const PKG = `[project]
name = "bench-utils"
version = "0.1.3.dev0"
description = "Benchmark helpers"
requires-python = ">=3.10"
dependencies = []

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`;

const env = (name: string, tag: string) => `# ${name}: pinned
[project]
name = "ml-playground-${name}"
version = "0.1.0"
dependencies = [
    "bench-utils",
    "model-interface",
]

[tool.uv.sources]
bench-utils     = { git = "https://github.com/mlws/bench-utils",     tag = "${tag}", subdirectory = "." }
model-interface = { git = "https://github.com/mlws/model-interface", tag = "v0.1.2",      subdirectory = "." }
`;

const FILES = {
  '.gitmodules':
    '[submodule "packages/bench-utils"]\n\tpath = packages/bench-utils\n\turl = https://github.com/mlws/bench-utils.git\n',
  'packages/bench-utils/pyproject.toml': PKG,
  'staging/pyproject.toml': env('staging', 'v0.1.3.dev0'),
  'prod/pyproject.toml': env('prod', '0.1.2'),
};

function context(w: FakeWorld): ExecutorContext {
  return {
    root: w.root,
    cwd: w.root,
    isVerbose: false,
    projectName: 'bench-utils',
    targetName: 'release',
    projectsConfigurations: { version: 2, projects: { 'bench-utils': { root: w.pkgRoot } } },
    nxJsonConfiguration: { plugins: [{ plugin: '@mlws/nx', options: { tagPrefix: 'v' } }] },
    projectGraph: { nodes: {}, dependencies: {} },
  } as unknown as ExecutorContext;
}

const run = (w: FakeWorld, options: ReleaseExecutorOptions) => releaseExecutor(options, context(w), w.deps);
const WRITES = ['commit', 'tag --annotate', 'push', 'add', 'update-index'];
const writingCalls = (w: FakeWorld) => w.gitCalls.filter((c) => WRITES.some((x) => c.args.join(' ').startsWith(x)));
const show = (w: FakeWorld) =>
  w.gitCalls
    .filter((c) => WRITES.some((x) => c.args.join(' ').startsWith(x)))
    .map((c) => `${c.repo}: git ${c.args.join(' ')}`);

describe('release executor: the tag prefix', () => {
  const unprefixed = { ...FILES, 'staging/pyproject.toml': env('staging', '0.1.3.dev0') };
  const noPrefixOption = (w: FakeWorld) =>
    ({ ...context(w), nxJsonConfiguration: { plugins: ['@mlws/nx'] } }) as unknown as ExecutorContext;
  const unprefixedWorld = () => {
    const w = fakeWorld(unprefixed);
    w.pkg.tags = Object.fromEntries(Object.entries(w.pkg.tags).map(([t, s]) => [t.replace(/^v/, ''), s]));
    w.pkg.remote.tags = Object.fromEntries(Object.entries(w.pkg.remote.tags).map(([t, s]) => [t.replace(/^v/, ''), s]));
    return w;
  };

  it('is read from the package tags and pins when nothing sets it: an unprefixed repository gets unprefixed tags', async () => {
    const w = unprefixedWorld();
    expect(await releaseExecutor({ bump: 'dev', dryRun: true }, noPrefixOption(w), w.deps)).toEqual({ success: true });
    const out = w.lines.join('\n');
    expect(out).toContain('release bench-utils 0.1.3.dev0 → 0.1.3.dev1 (--bump dev), tag 0.1.3.dev1 — dry run');
    expect(out).toContain('tag prefix of packages/bench-utils: unprefixed, from 2 tags/pins (0.1.2, 0.1.3.dev0)');
    expect(out).not.toContain('v0.1.3.dev1');
  });

  it('an explicit option still wins', async () => {
    const w = unprefixedWorld();
    expect(await releaseExecutor({ bump: 'dev', dryRun: true, tagPrefix: 'v' }, noPrefixOption(w), w.deps)).toEqual({
      success: true,
    });
    expect(w.lines.join('\n')).toContain('tag v0.1.3.dev1 — dry run');
    expect(w.lines.join('\n')).not.toContain('tag prefix of');
  });
});

describe('release executor --dry-run', () => {
  it('prints every step as commands and diffs, and runs and writes nothing', async () => {
    const w = fakeWorld(FILES);
    const r = await run(w, { bump: 'dev', dryRun: true });
    expect(r).toEqual({ success: true });
    expect(writingCalls(w)).toEqual([]);
    expect(w.uvCalls).toEqual([]);
    expect(w.githubCalls).toEqual([]);
    expect(existsSync(join(w.root, 'dist'))).toBe(false);
    expect(w.read('packages/bench-utils/pyproject.toml')).toBe(PKG);
    const out = w.lines.join('\n');
    expect(out).toContain(
      '@mlws/nx: release bench-utils 0.1.3.dev0 → 0.1.3.dev1 (--bump dev), tag v0.1.3.dev1 — dry run: nothing below is executed or written',
    );
    expect(out).toContain('1. preflight: packages/bench-utils on main at ');
    expect(out).toContain('   git -C packages/bench-utils log --format=%H%x1f%s%x1e v0.1.3.dev0..HEAD');
    expect(out).toContain(
      '   git -C packages/bench-utils diff --no-color --no-ext-diff v0.1.3.dev0..HEAD > dist/release/bench-utils/changes.diff',
    );
    expect(out).toContain(
      [
        '3. bump [project].version 0.1.3.dev0 → 0.1.3.dev1:',
        '   --- a/packages/bench-utils/pyproject.toml',
        '   +++ b/packages/bench-utils/pyproject.toml',
        '   @@ -1,6 +1,6 @@',
        '    [project]',
        '    name = "bench-utils"',
        '   -version = "0.1.3.dev0"',
        '   +version = "0.1.3.dev1"',
      ].join('\n'),
    );
    expect(out).toContain(
      '   git -C packages/bench-utils commit --quiet --file ../../dist/release/bench-utils/commit-message.txt -- pyproject.toml',
    );
    expect(out).toContain(
      '   git -C packages/bench-utils tag --annotate --file ../../dist/release/bench-utils/tag-message.txt -- v0.1.3.dev1 HEAD',
    );
    expect(out).toContain(
      '   git -C packages/bench-utils push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1',
    );
    expect(out).toContain('5. GitHub pre-release on mlws/bench-utils:');
    expect(out).toContain(
      '   POST https://api.github.com/repos/mlws/bench-utils/releases {"tag_name":"v0.1.3.dev1","name":"bench-utils 0.1.3.dev1","body":"No commits since v0.1.3.dev0: this release only sets the version to 0.1.3.dev1.\\n","prerelease":true,"draft":false}',
    );
    expect(out).toContain('"prerelease":true,"draft":false}');
    expect(out).toContain(
      '-bench-utils     = { git = "https://github.com/mlws/bench-utils",     tag = "v0.1.3.dev0", subdirectory = "." }\n   +bench-utils     = { git = "https://github.com/mlws/bench-utils",     tag = "v0.1.3.dev1", subdirectory = "." }',
    );
    expect(out).toContain('   uv lock --project staging');
    expect(out).toContain("   git update-index --cacheinfo '160000,<release commit>,packages/bench-utils'");
    expect(out).toContain('   git add -- staging/pyproject.toml staging/uv.lock');
    expect(out).toContain('   git commit --quiet --file dist/release/bench-utils/root-commit-message.txt');
    expect(out).toContain('7. next dev cycle: not asked');
    expect(out).not.toContain('prod/pyproject.toml');
    expect(out).not.toContain('ghp_fake');
  });

  it('a stable release pins staging and prod; --next-dev shows the next cycle', async () => {
    const w = fakeWorld(FILES);
    await run(w, { bump: 'stable', dryRun: true, nextDev: true });
    const out = w.lines.join('\n');
    expect(out).toContain('release bench-utils 0.1.3.dev0 → 0.1.3 (--bump stable), tag v0.1.3');
    expect(out).toContain('2. changes since 0.1.2 (1 commit):');
    expect(out).toContain('5. GitHub release on mlws/bench-utils:');
    expect(out).toContain('"prerelease":false');
    expect(out).toContain(
      '6. root: pin staging and prod to v0.1.3, relock, move packages/bench-utils, commit only these files:',
    );
    expect(out).toContain(
      '+bench-utils     = { git = "https://github.com/mlws/bench-utils",     tag = "v0.1.3", subdirectory = "." }',
    );
    expect(out).toContain('   uv lock --project prod');
    expect(out).toContain('7. next dev cycle 0.1.3 → 0.1.4.dev0:');
    expect(out).toContain('   +version = "0.1.4.dev0"');
    expect(out).toContain('   git -C packages/bench-utils push -- origin refs/heads/main:refs/heads/main');
    expect(writingCalls(w)).toEqual([]);
  });
});

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

describe('release executor: a dev release', () => {
  it('commits, tags, pushes, creates a pre-release, pins staging, relocks and commits the root', async () => {
    const w = fakeWorld(FILES, { env: { GITHUB_TOKEN: 'ghp_fake', GITHUB_API_URL: 'http://127.0.0.1:5/api' } });
    const r = await run(w, { bump: 'dev' });
    expect(r).toEqual({ success: true });
    const releaseCommit = w.pkg.commits[2];
    expect(show(w)).toEqual([
      'package: git commit --quiet --file ../../dist/release/bench-utils/commit-message.txt -- pyproject.toml',
      `package: git tag --annotate --file ../../dist/release/bench-utils/tag-message.txt -- v0.1.3.dev1 ${releaseCommit}`,
      'package: git push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1',
      `root: git update-index --cacheinfo 160000,${releaseCommit},packages/bench-utils`,
      'root: git add -- staging/pyproject.toml staging/uv.lock',
      'root: git commit --quiet --file dist/release/bench-utils/root-commit-message.txt',
    ]);
    expect(w.pkg.remote.tags['v0.1.3.dev1']).toBe(releaseCommit);
    expect(w.pkg.pyprojectAt[releaseCommit]).toBe(PKG.replace('version = "0.1.3.dev0"', 'version = "0.1.3.dev1"'));
    expect(w.uvCalls).toEqual([['lock', '--project', 'staging']]);
    expect(w.githubCalls.map((c) => [c.method, c.tag, c.apiUrl, c.token])).toEqual([
      ['GET', 'v0.1.3.dev1', 'http://127.0.0.1:5/api', 'ghp_fake'],
      ['POST', 'v0.1.3.dev1', 'http://127.0.0.1:5/api', 'ghp_fake'],
    ]);
    expect(w.githubCalls[1].body).toEqual({
      tag_name: 'v0.1.3.dev1',
      name: 'bench-utils 0.1.3.dev1',
      body: w.read('dist/release/bench-utils/notes.md'),
      prerelease: true,
      draft: false,
    });
    expect(w.read('dist/release/bench-utils/notes.md')).toBe(
      'No commits since v0.1.3.dev0: this release only sets the version to 0.1.3.dev1.\n',
    );
    expect(w.read('staging/pyproject.toml')).toBe(
      env('staging', 'v0.1.3.dev0').replace('tag = "v0.1.3.dev0"', 'tag = "v0.1.3.dev1"'),
    );
    expect(w.read('prod/pyproject.toml')).toBe(env('prod', '0.1.2'));
    expect(w.rootRepo.subjects[w.rootRepo.commits[1]]).toBe(
      'Release bench-utils 0.1.3.dev1: pin staging to v0.1.3.dev1',
    );
    expect(w.read('dist/release/bench-utils/root-commit-message.txt')).toBe(
      'Release bench-utils 0.1.3.dev1: pin staging to v0.1.3.dev1\n\n- packages/bench-utils: submodule at v0.1.3.dev1\n- staging: bench-utils pinned to v0.1.3.dev1\n- relocked: staging\n',
    );
    const state = readState(w.root, 'bench-utils');
    expect(state.ok && state.state?.done).toEqual([
      'changes',
      'bump',
      'commit',
      'tag',
      'push',
      'github',
      'pin',
      'lock',
      'root-commit',
      'next-dev',
      'next-dev-push',
    ]);
    expect(w.lines[w.lines.length - 1]).toBe(
      `@mlws/nx: released bench-utils 0.1.3.dev1: tag v0.1.3.dev1 on origin; GitHub pre-release https://github.com/mlws/bench-utils/releases/tag/v0.1.3.dev1; staging pinned; root commit ${w.rootRepo.commits[1].slice(0, 7)} (not pushed: git push when ready)`,
    );
    expect(w.lines.join('\n')).not.toContain('ghp_fake');
    expect(readFileSync(join(w.root, 'dist/release/bench-utils/prompt.md'), 'utf8')).toContain(
      'nx run bench-utils:release --bump dev --notes-file dist/release/bench-utils/notes.md',
    );
  });

  it('--notes-file gives the notes of the commit, the tag and the GitHub release', async () => {
    const w = fakeWorld({ ...FILES, 'notes/0.1.3.dev1.md': 'Adds timer().\n' });
    await run(w, { bump: 'dev', notesFile: 'notes/0.1.3.dev1.md' });
    expect(w.read('dist/release/bench-utils/commit-message.txt')).toBe(
      'Release bench-utils 0.1.3.dev1\n\nAdds timer().\n',
    );
    expect(w.read('dist/release/bench-utils/tag-message.txt')).toBe('bench-utils 0.1.3.dev1\n\nAdds timer().\n');
    expect(w.githubCalls[1].body?.body).toBe('Adds timer().\n');
  });
});

describe('release executor: failures and --resume', () => {
  it('a rejected push: the commit and tag stay, the report says what is done and not, --resume completes', async () => {
    const w = fakeWorld(FILES);
    w.pkg.remote.reject = 'pre-receive hook declined: main is frozen';
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    const commit = w.pkg.commits[2].slice(0, 7);
    const stop = w.lines.slice(-5);
    expect(stop).toEqual([
      '@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 4 (push): git -C packages/bench-utils push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1 failed (exit 1): ! [remote rejected] main -> main (pre-receive hook declined) — remote: pre-receive hook declined: main is frozen',
      `@mlws/nx: done: [project].version 0.1.3.dev0 → 0.1.3.dev1 in packages/bench-utils/pyproject.toml; release commit ${commit} in packages/bench-utils; annotated tag v0.1.3.dev1 in packages/bench-utils`,
      '@mlws/nx: not done: push of main and v0.1.3.dev1 to origin; GitHub release v0.1.3.dev1 on mlws/bench-utils; staging/pyproject.toml pinned to v0.1.3.dev1; relock: staging/uv.lock; root commit (submodule pointer, pins, locks)',
      '@mlws/nx: nothing is lost (progress in dist/release/bench-utils/state.json): fix the cause, then run nx run bench-utils:release --resume',
      `@mlws/nx: or undo it (nothing left this machine): git -C packages/bench-utils tag -d -- v0.1.3.dev1 && git -C packages/bench-utils reset --keep ${w.pkg.commits[1]} && rm dist/release/bench-utils/state.json`,
    ]);
    expect(w.pkg.tags['v0.1.3.dev1']).toBe(w.pkg.commits[2]);
    expect(w.githubCalls).toEqual([]);

    // a new release is refused while this one is unfinished
    w.lines.length = 0;
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines[0]).toContain('the release of bench-utils 0.1.3.dev1 is unfinished (stopped at push: ');
    expect(w.lines[0]).toContain(
      'continue it with nx run bench-utils:release --resume, or abandon it by deleting dist/release/bench-utils/state.json',
    );

    // the remote accepts again: --resume pushes (no new commit, no new tag) and goes on
    w.pkg.remote.reject = undefined;
    w.gitCalls.length = 0;
    w.lines.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(w.lines[0]).toMatch(
      /^@mlws\/nx: resuming the release of bench-utils 0\.1\.3\.dev1 \(v0\.1\.3\.dev1\) at push, which failed: git -C packages\/bench-utils push /,
    );
    expect(show(w).map((l) => l.replace(/[0-9a-f]{40}/, '<sha>'))).toEqual([
      'package: git push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1',
      'root: git update-index --cacheinfo 160000,<sha>,packages/bench-utils',
      'root: git add -- staging/pyproject.toml staging/uv.lock',
      'root: git commit --quiet --file dist/release/bench-utils/root-commit-message.txt',
    ]);
    expect(w.pkg.commits).toHaveLength(3);
    expect(w.pkg.remote.tags['v0.1.3.dev1']).toBe(w.pkg.commits[2]);
    expect(w.githubCalls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(w.read('staging/pyproject.toml')).toContain('tag = "v0.1.3.dev1"');

    w.lines.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: false });
    expect(w.lines).toEqual([
      '@mlws/nx: the release of bench-utils 0.1.3.dev1 is complete already (dist/release/bench-utils/state.json): nothing to resume',
    ]);
  });

  it('a 401 from GitHub stops at step 5 in one line; --resume with a good token creates the release once', async () => {
    const w = fakeWorld(FILES);
    w.githubFailure = 401;
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines.slice(-4)[0]).toBe(
      '@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 5 (github): GitHub rejected the token from GITHUB_TOKEN (401 Bad credentials) for creating the release v0.1.3.dev1: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on mlws/bench-utils',
    );
    expect(w.lines.slice(-4)[1]).toContain('push of main and v0.1.3.dev1 to origin');
    expect(w.uvCalls).toEqual([]);
    w.lines.length = 0;
    w.githubCalls.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(w.githubCalls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(w.gitCalls.filter((c) => c.args[0] === 'push')).toHaveLength(1); // the first run's push only
  });

  it('an existing GitHub release of the tag is kept on --resume (no second POST)', async () => {
    const w = fakeWorld(FILES);
    w.uvFailure = 'error: Failed to fetch: `https://github.com/mlws/bench-utils`';
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines.slice(-4)[0]).toBe(
      '@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 6 (lock): uv lock --project staging failed (Failed to fetch: `https://github.com/mlws/bench-utils`)',
    );
    expect(w.lines.slice(-4)[1]).toContain('staging/pyproject.toml pinned to v0.1.3.dev1');
    expect(w.lines.slice(-4)[2]).toBe(
      '@mlws/nx: not done: relock: staging/uv.lock; root commit (submodule pointer, pins, locks)',
    );
    w.uvFailure = undefined;
    w.githubCalls.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(w.githubCalls).toEqual([]);
    expect(w.uvCalls).toEqual([
      ['lock', '--project', 'staging'],
      ['lock', '--project', 'staging'],
    ]);
  });

  it("a relock that uv refuses stops with the lock target's diagnosis, not the raw uv line", async () => {
    const w = fakeWorld(FILES);
    // uv 0.13.8's output for a released package whose own pyproject keeps a { workspace = true } source
    w.uvFailure = [
      '   Updating https://github.com/mlws/bench-utils (v0.1.3.dev1)',
      'error: Failed to download and build `bench-utils @ git+https://github.com/mlws/bench-utils@v0.1.3.dev1#subdirectory=`',
      '  cause: Failed to parse entry: `model-interface`',
      '  cause: `model-interface` references a workspace in `tool.uv.sources` (e.g., `model-interface = { workspace = true }`), but is not a workspace member',
    ].join('\n');
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines.slice(-4)[0]).toBe(
      '@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 6 (lock): uv lock --project staging failed: bench-utils (pinned by git in staging/pyproject.toml) declares ' +
        "`model-interface = { workspace = true }` in its own pyproject, which only works inside the workspace: move that source to the root pyproject (the root's sources apply to every member) and release the package again",
    );
  });

  it('a failure before the release commit restores the pyproject and leaves no state', async () => {
    const w = fakeWorld(FILES);
    const git = w.deps.git;
    w.deps.git = {
      ...git,
      run: async (args, o) =>
        args[0] === 'commit'
          ? { exitCode: 1, stdout: '', stderr: 'error: gpg failed to sign the data' }
          : git.run(args, o),
    };
    w.deps.git.must = async (args, o) => {
      const r = await w.deps.git.run(args, o);
      if (r.exitCode !== 0) throw new Error(r.stderr);
      return r.stdout;
    };
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines.slice(-2)).toEqual([
      '@mlws/nx: release of bench-utils 0.1.3.dev1 failed at step 4 (commit): git -C packages/bench-utils commit --quiet --file ../../dist/release/bench-utils/commit-message.txt -- pyproject.toml failed (exit 1): error: gpg failed to sign the data',
      '@mlws/nx: nothing changed (packages/bench-utils/pyproject.toml is as it was, nothing was committed): fix the cause and release again',
    ]);
    expect(w.read('packages/bench-utils/pyproject.toml')).toBe(PKG);
    expect(existsSync(join(w.root, 'dist/release/bench-utils/state.json'))).toBe(false);
  });

  it('--resume refuses a package that moved since the release stopped', async () => {
    const w = fakeWorld(FILES);
    w.pkg.remote.reject = 'no';
    await run(w, { bump: 'dev' });
    w.pkg.commits.push('c'.repeat(40));
    w.lines.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: false });
    expect(w.lines[0]).toMatch(
      /^@mlws\/nx: packages\/bench-utils moved since the release stopped \(HEAD is ccccccc, the release expects [0-9a-f]{7}\): put it back/,
    );
  });

  it('--resume --dry-run shows only what is left', async () => {
    const w = fakeWorld(FILES);
    w.pkg.remote.reject = 'frozen';
    await run(w, { bump: 'dev' });
    w.lines.length = 0;
    w.gitCalls.length = 0;
    expect(await run(w, { resume: true, dryRun: true })).toEqual({ success: true });
    const out = w.lines.join('\n');
    expect(out).not.toContain('2. changes');
    expect(out).not.toContain('3. bump');
    expect(out).toContain(
      '4. commit, tag and push packages/bench-utils:\n   git -C packages/bench-utils push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1\n5. GitHub pre-release',
    );
    expect(out).toContain(`git update-index --cacheinfo 160000,${w.pkg.commits[2]},packages/bench-utils`);
    expect(writingCalls(w)).toEqual([]);
  });

  it('a failed root commit (a hook) is resumed without redoing the pins and locks', async () => {
    const w = fakeWorld(FILES);
    const git = w.deps.git;
    let hook = true;
    w.deps.git = {
      run: async (args, o) =>
        hook && args[0] === 'commit' && o.cwd === w.root
          ? { exitCode: 1, stdout: '', stderr: 'pre-commit: lint failed' }
          : git.run(args, o),
      must: git.must,
    };
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines.slice(-4)[0]).toBe(
      '@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 6 (root-commit): git commit --quiet --file dist/release/bench-utils/root-commit-message.txt failed (exit 1): pre-commit: lint failed',
    );
    expect(w.lines.slice(-4)[2]).toBe('@mlws/nx: not done: root commit (submodule pointer, pins, locks)');
    hook = false;
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(w.uvCalls).toHaveLength(1);
    expect(w.rootRepo.commits).toHaveLength(2);
  });

  it('a failed push of the next dev cycle is resumed by that push alone', async () => {
    const w = fakeWorld(FILES);
    const git = w.deps.git;
    let pushes = 0;
    w.deps.git = {
      run: async (args, o) =>
        args[0] === 'push' && ++pushes === 2
          ? {
              exitCode: 128,
              stdout: '',
              stderr:
                "fatal: unable to access 'https://github.com/mlws/bench-utils.git/': Could not resolve host: github.com",
            }
          : git.run(args, o),
      must: git.must,
    };
    expect(await run(w, { bump: 'stable', nextDev: true })).toEqual({ success: false });
    expect(w.lines.slice(-4)[0]).toContain(
      'stopped at step 7 (next-dev-push): git -C packages/bench-utils push -- origin refs/heads/main:refs/heads/main failed (exit 128): fatal: unable to access',
    );
    expect(w.lines.slice(-4)[2]).toBe('@mlws/nx: not done: push of the 0.1.4.dev0 commit to origin');
    w.gitCalls.length = 0;
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(show(w)).toEqual(['package: git push -- origin refs/heads/main:refs/heads/main']);
  });

  it('--resume --github-release=false finishes a release whose GitHub step cannot succeed', async () => {
    const w = fakeWorld(FILES);
    w.githubFailure = 401;
    await run(w, { bump: 'dev' });
    expect(w.lines[w.lines.length - 1]).toBe(
      '@mlws/nx: nothing is lost (progress in dist/release/bench-utils/state.json): fix the cause, then run nx run bench-utils:release --resume (or nx run bench-utils:release --resume --github-release=false to finish without the GitHub release)',
    );
    w.githubCalls.length = 0;
    expect(await run(w, { resume: true, githubRelease: false })).toEqual({ success: true });
    expect(w.githubCalls).toEqual([]);
    expect(w.lines).toContain('@mlws/nx: the GitHub release is skipped (--github-release=false)');
    expect(w.read('staging/pyproject.toml')).toContain('tag = "v0.1.3.dev1"');
  });

  it('a local remote needs --github-repository or GITHUB_API_URL for the GitHub release', async () => {
    const w = fakeWorld(FILES);
    w.pkg.remoteUrl = 'file:///srv/git/mlws/bench-utils.git';
    expect(await run(w, { bump: 'dev' })).toEqual({ success: false });
    expect(w.lines).toEqual([
      '@mlws/nx: the remote of packages/bench-utils is a local repository (file:///srv/git/mlws/bench-utils.git), not GitHub: pass --github-repository owner/name (or set GITHUB_API_URL to the API that serves mlws/bench-utils), or --github-release=false',
    ]);
    const ok = fakeWorld(FILES);
    ok.pkg.remoteUrl = 'file:///srv/git/mlws/bench-utils.git';
    expect(await run(ok, { bump: 'dev', githubRepository: 'mlws/bench-utils' })).toEqual({ success: true });
    expect(ok.githubCalls.map((c) => c.method)).toEqual(['GET', 'POST']);
  });

  it('--github-release=false needs no token and calls no API', async () => {
    const w = fakeWorld(FILES, { env: {} });
    expect(await run(w, { bump: 'dev', githubRelease: false })).toEqual({ success: true });
    expect(w.githubCalls).toEqual([]);
  });

  it('--push=false stops before the push; --resume pushes', async () => {
    const w = fakeWorld(FILES);
    expect(await run(w, { bump: 'dev', push: false })).toEqual({ success: true });
    expect(w.gitCalls.filter((c) => c.args[0] === 'push')).toEqual([]);
    expect(w.lines.slice(-3)[0]).toContain('stopped before the push as asked (--push=false): v0.1.3.dev1 is on');
    expect(w.lines.slice(-1)[0]).toBe(
      `@mlws/nx: or undo it (nothing left this machine): git -C packages/bench-utils tag -d -- v0.1.3.dev1 && git -C packages/bench-utils reset --keep ${w.pkg.commits[1]} && rm dist/release/bench-utils/state.json`,
    );
    expect(await run(w, { resume: true })).toEqual({ success: true });
    expect(w.gitCalls.filter((c) => c.args[0] === 'push')).toHaveLength(1);
  });
});

describe('release executor: a stable release with --next-dev', () => {
  it('pins staging and prod, then commits and pushes the next dev version', async () => {
    const w = fakeWorld(FILES);
    expect(await run(w, { bump: 'stable', nextDev: true })).toEqual({ success: true });
    expect(w.read('staging/pyproject.toml')).toContain('tag = "v0.1.3", subdirectory');
    expect(w.read('prod/pyproject.toml')).toContain('tag = "v0.1.3", subdirectory');
    expect(w.uvCalls).toEqual([
      ['lock', '--project', 'staging'],
      ['lock', '--project', 'prod'],
    ]);
    expect(w.githubCalls[1].body?.prerelease).toBe(false);
    expect(w.read('packages/bench-utils/pyproject.toml')).toContain('version = "0.1.4.dev0"');
    const [release, next] = w.pkg.commits.slice(2);
    expect(w.pkg.subjects[next]).toBe('Open the 0.1.4 dev cycle of bench-utils (0.1.4.dev0)');
    expect(w.rootRepo.gitlinks['packages/bench-utils']).toBe(release);
    expect(w.pkg.remote.head).toBe(next);
    expect(w.lines[w.lines.length - 1]).toContain('staging and prod pinned; root commit');
    expect(w.lines[w.lines.length - 1]).toContain('packages/bench-utils is at 0.1.4.dev0');
  });

  it('an environment that does not pin the package is left alone with a note', async () => {
    const w = fakeWorld({
      ...FILES,
      'prod/pyproject.toml': '[project]\nname = "p"\nversion = "0"\ndependencies = []\n',
    });
    await run(w, { bump: 'stable' });
    expect(w.lines).toContain(
      '@mlws/nx: note: prod does not pin bench-utils (prod/pyproject.toml): left alone; pin it with nx g @mlws/nx:pin bench-utils --env prod --tag v0.1.3',
    );
    expect(w.uvCalls).toEqual([['lock', '--project', 'staging']]);
  });

  it('leaves the dev lock alone when another submodule is off the commit the root records', async () => {
    const gitmodules = `${FILES['.gitmodules']}[submodule "packages/model-interface"]\n\tpath = packages/model-interface\n\turl = https://github.com/mlws/model-interface.git\n`;
    const w = fakeWorld({
      ...FILES,
      '.gitmodules': gitmodules,
      'pyproject.toml': '[project]\nname = "root"\nversion = "0"\n',
      'uv.lock': 'version = 1\n',
    });
    w.rootRepo.dirty = ['packages/model-interface'];
    await run(w, { bump: 'dev' });
    expect(w.lines).toContain(
      '@mlws/nx: note: uv.lock (dev) is not relocked: packages/model-interface is not at the commit the root records, so the dev lock would describe uncommitted work; commit it in the root, then nx run dev:lock',
    );
    expect(w.uvCalls).toEqual([['lock', '--project', 'staging']]);
  });

  it('relocks dev too when the root has a uv.lock', async () => {
    const w = fakeWorld({
      ...FILES,
      'pyproject.toml': '[project]\nname = "root"\nversion = "0"\n',
      'uv.lock': 'version = 1\n',
    });
    await run(w, { bump: 'dev' });
    expect(w.uvCalls).toEqual([['lock', '--project', 'staging'], ['lock']]);
    expect(show(w)).toContain('root: git add -- staging/pyproject.toml staging/uv.lock uv.lock');
  });
});
