/**
 * Release end to end: real Nx, real git (the playground's bare remotes, tags `0.1.2` and
 * `v0.1.3.dev0` on bench-utils), real uv (staging/prod/dev locks through the torch index stand-in)
 * and a loopback GitHub releases API (tools/fixtures/github-api) that records every request.
 *
 *   --dry-run          commands and diffs printed, nothing changes anywhere
 *   --bump dev         annotated tag on the remote, pre-release request, staging pinned + relocked,
 *                      root commit of only the intended files
 *   --bump stable      the remote rejects the push (pre-receive hook): commit and tag kept, the
 *     --next-dev       report says what is done and not; the hook removed, --resume completes:
 *                      release, staging + prod pinned and locked, next dev cycle pushed
 *   GitHub 401         a wrong token stops at step 5 in one line; --resume with the right one
 *   nx release version PEP 440 versions, internal ranges, dev lock refreshed
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGithubApi, type GithubApiServer } from '../../../tools/fixtures/github-api';
import {
  assertSuccess,
  describeWithTools,
  git,
  run,
  runNx,
  uvCommand,
  type PlaygroundWorkspace,
  type RunResult,
} from './utils';
import { createUvPlaygroundWorkspace, outputOf, startTorchIndexFixture, type TorchIndexFixture } from './utils/uv';

const TOKEN = 'ghp_e2eT0kenNeverPrinted';
const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const uv = (cwd: string, args: string[]) =>
  run(uvCommand(), args, { cwd, env: { VIRTUAL_ENV: undefined }, timeoutMs: 5 * 60 * 1000 });
const log = (title: string, text: string) => process.stdout.write(`\n[release] ${title}\n${text.trim()}\n`);
/** The plugin's lines and the plan under them, from an Nx run. */
const pluginOutput = (r: RunResult) =>
  outputOf(r)
    .split('\n')
    .filter((l) => l.startsWith('@mlws/nx:') || /^\d\. /.test(l) || l.startsWith('   '))
    .join('\n');

/** The plugin infers `release` on packages that are their own repositories (submodule members). */
async function expectReleaseTarget(root: string): Promise<void> {
  const shown = assertSuccess(await runNx(root, ['show', 'project', 'bench-utils', '--json']), root);
  expect(JSON.parse(shown.stdout).targets?.release?.executor).toBe('@mlws/nx:release');
}

/** Locks dev, staging and prod, and commits them (the state a team works in). */
async function lockAndCommit(root: string): Promise<void> {
  for (const args of [['lock'], ['lock', '--project', 'staging'], ['lock', '--project', 'prod']])
    assertSuccess(await uv(root, args), root);
  await git(root, ['add', '--', 'uv.lock', 'staging/uv.lock', 'prod/uv.lock']);
  await git(root, ['commit', '--quiet', '-m', 'Lock dev, staging and prod']);
}

const filesOf = async (root: string, commit = 'HEAD') =>
  (await git(root, ['show', '--name-only', '--format=', commit])).split('\n').filter(Boolean).sort();

describeWithTools(['git', 'uv'], 'release', () => {
  let index: TorchIndexFixture;
  let api: GithubApiServer;
  let ws: PlaygroundWorkspace;
  let pkg: string;
  let bare: string;
  const env = () => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url, GH_TOKEN: undefined });

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
    pkg = join(ws.root, 'packages/bench-utils');
    bare = join(ws.remotesDir, 'bench-utils.git');
    api = await startGithubApi({
      token: TOKEN,
      repositories: {
        'remotes/bench-utils': bare,
        'remotes/prompt-handler': join(ws.remotesDir, 'prompt-handler.git'),
      },
    });
    await lockAndCommit(ws.root);
    await expectReleaseTarget(ws.root);
  });
  afterAll(async () => {
    await api?.stop();
    await index?.stop();
  });

  it('--dry-run prints the commands and diffs of every step and changes nothing', async () => {
    const rootHead = await git(ws.root, ['rev-parse', 'HEAD']);
    const r = assertSuccess(
      await runNx(ws.root, ['run', 'bench-utils:release', '--bump=dev', '--dry-run'], env()),
      ws.root,
    );
    const out = pluginOutput(r);
    log('nx run bench-utils:release --bump=dev --dry-run', out);
    expect(out).toContain(
      '@mlws/nx: release bench-utils 0.1.3.dev0 → 0.1.3.dev1 (--bump dev), tag v0.1.3.dev1 — dry run: nothing below is executed or written',
    );
    expect(out).toContain('   -version = "0.1.3.dev0"\n   +version = "0.1.3.dev1"');
    expect(out).toContain(
      '   git -C packages/bench-utils push --atomic -- origin refs/heads/main:refs/heads/main refs/tags/v0.1.3.dev1',
    );
    expect(out).toContain(`   POST ${api.url}/repos/remotes/bench-utils/releases {"tag_name":"v0.1.3.dev1"`);
    expect(out).toContain('   uv lock --project staging');
    expect(out).toContain('   uv lock\n');
    expect(out).toContain('   git add -- staging/pyproject.toml staging/uv.lock uv.lock');
    expect(outputOf(r)).not.toContain(TOKEN);
    expect(await git(ws.root, ['status', '--porcelain'])).toBe('');
    expect(await git(pkg, ['status', '--porcelain'])).toBe('');
    expect(await git(ws.root, ['rev-parse', 'HEAD'])).toBe(rootHead);
    expect(await git(bare, ['tag', '--list'])).toBe('0.1.2\nv0.1.3.dev0');
    expect(api.requests).toEqual([]);
    expect(existsSync(join(ws.root, 'dist/release'))).toBe(false);
  });

  it('--bump dev: annotated tag on the remote, a GitHub pre-release, staging pinned and locked, one root commit of only those files', async () => {
    const stagingBefore = read(ws.root, 'staging/pyproject.toml');
    const prodBefore = read(ws.root, 'prod/pyproject.toml');
    const r = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:release', '--bump=dev'], env()), ws.root);
    log('nx run bench-utils:release --bump=dev', pluginOutput(r));
    expect(outputOf(r)).not.toContain(TOKEN);

    // the remote has the annotated tag on its main
    expect(await git(bare, ['cat-file', '-t', 'v0.1.3.dev1'])).toBe('tag');
    const tagged = await git(bare, ['rev-parse', 'v0.1.3.dev1^{commit}']);
    expect(await git(bare, ['rev-parse', 'main'])).toBe(tagged);
    expect(await git(bare, ['show', `${tagged}:pyproject.toml`])).toContain('version = "0.1.3.dev1"');
    expect(await git(bare, ['tag', '-l', '--format=%(contents:subject)', 'v0.1.3.dev1'])).toBe(
      'bench-utils 0.1.3.dev1',
    );
    expect(await git(bare, ['show', '--name-only', '--format=%s', tagged])).toBe(
      'Release bench-utils 0.1.3.dev1\n\npyproject.toml',
    );

    // the GitHub API: GET (none yet), then POST with the pre-release flag and the notes
    expect(api.requests.map((q) => [q.method, q.path, q.status, q.authorization])).toEqual([
      ['GET', '/repos/remotes/bench-utils/releases/tags/v0.1.3.dev1', 404, `Bearer ${TOKEN}`],
      ['POST', '/repos/remotes/bench-utils/releases', 201, `Bearer ${TOKEN}`],
    ]);
    expect(api.requests[1]?.body).toEqual({
      tag_name: 'v0.1.3.dev1',
      name: 'bench-utils 0.1.3.dev1',
      body: 'No commits since v0.1.3.dev0: this release only sets the version to 0.1.3.dev1.\n',
      prerelease: true,
      draft: false,
    });
    expect(api.requests[1]?.apiVersion).toBe('2022-11-28');

    // staging: only the tag token changed; prod untouched; locks current
    expect(read(ws.root, 'staging/pyproject.toml')).toBe(
      stagingBefore.replace(/(bench-utils\s+= \{ git = "[^"]+",\s+tag = )"v0\.1\.3\.dev0",/, '$1"v0.1.3.dev1",'),
    );
    expect(read(ws.root, 'staging/pyproject.toml')).not.toBe(stagingBefore);
    expect(read(ws.root, 'prod/pyproject.toml')).toBe(prodBefore);
    expect(read(ws.root, 'staging/uv.lock')).toContain('tag=v0.1.3.dev1#');
    expect(read(ws.root, 'uv.lock')).toContain(
      'name = "bench-utils"\nversion = "0.1.3.dev1"\nsource = { editable = "packages/bench-utils" }',
    );
    for (const args of [
      ['lock', '--project', 'staging', '--locked'],
      ['lock', '--locked'],
      ['lock', '--project', 'prod', '--locked'],
    ])
      assertSuccess(await uv(ws.root, args), ws.root);

    // the root commit holds exactly the pointer, the pin and the locks
    expect(await filesOf(ws.root)).toEqual([
      'packages/bench-utils',
      'staging/pyproject.toml',
      'staging/uv.lock',
      'uv.lock',
    ]);
    expect(await git(ws.root, ['log', '-1', '--format=%s'])).toBe(
      'Release bench-utils 0.1.3.dev1: pin staging to v0.1.3.dev1',
    );
    expect(await git(ws.root, ['ls-tree', 'HEAD', '--', 'packages/bench-utils'])).toContain(tagged);
    expect(await git(ws.root, ['status', '--porcelain'])).toBe('');
    expect(read(ws.root, 'dist/release/bench-utils/prompt.md')).toContain(
      'nx run bench-utils:release --bump dev --notes-file dist/release/bench-utils/notes.md',
    );
  });

  it('--bump stable --next-dev: a rejected push keeps everything and says what is left; --resume completes', async () => {
    api.requests.length = 0;
    const hook = join(bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "main is frozen for the release test" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const rootHead = await git(ws.root, ['rev-parse', 'HEAD']);
    const notes = 'bench-utils 0.1.3: `timer()` for the benchmarks.\n';
    writeFileSync(join(ws.root, 'notes-0.1.3.md'), notes);

    const r = await runNx(
      ws.root,
      ['run', 'bench-utils:release', '--bump=stable', '--next-dev', '--notes-file=notes-0.1.3.md'],
      env(),
    );
    log('release --bump stable with the push rejected', pluginOutput(r));
    expect(r.code).not.toBe(0);
    const out = outputOf(r);
    expect(out).toMatch(
      /@mlws\/nx: release of bench-utils 0\.1\.3 stopped at step 4 \(push\): git -C packages\/bench-utils push --atomic -- origin refs\/heads\/main:refs\/heads\/main refs\/tags\/v0\.1\.3 failed \(exit 1\): ! \[remote rejected\] main -> main \(pre-receive hook declined\) — remote: main is frozen for the release test/,
    );
    expect(out).toMatch(
      /@mlws\/nx: done: \[project\]\.version 0\.1\.3\.dev1 → 0\.1\.3 in packages\/bench-utils\/pyproject\.toml; release commit [0-9a-f]{7} in packages\/bench-utils; annotated tag v0\.1\.3 in packages\/bench-utils\n/,
    );
    expect(out).toContain(
      '@mlws/nx: not done: push of main and v0.1.3 to origin; GitHub release v0.1.3 on remotes/bench-utils; staging/pyproject.toml, prod/pyproject.toml pinned to v0.1.3; relock: staging/uv.lock, prod/uv.lock, uv.lock; root commit (submodule pointer, pins, locks); next dev cycle 0.1.4.dev0 committed in packages/bench-utils; push of the 0.1.4.dev0 commit to origin',
    );
    expect(out).toContain(
      '@mlws/nx: nothing is lost (progress in dist/release/bench-utils/state.json): fix the cause, then run nx run bench-utils:release --resume',
    );

    // nothing lost, nothing half-done: the commit and tag are local, the remote and root unchanged
    const release = await git(pkg, ['rev-parse', 'v0.1.3^{commit}']);
    expect(await git(pkg, ['rev-parse', 'HEAD'])).toBe(release);
    expect(await git(pkg, ['show', 'HEAD:pyproject.toml'])).toContain('version = "0.1.3"');
    expect(await git(pkg, ['status', '--porcelain'])).toBe('');
    expect(await git(bare, ['tag', '--list', 'v0.1.3'])).toBe('');
    expect(await git(ws.root, ['rev-parse', 'HEAD'])).toBe(rootHead);
    expect(read(ws.root, 'staging/pyproject.toml')).toContain('tag = "v0.1.3.dev1"');
    expect(api.requests).toEqual([]);
    const state = JSON.parse(read(ws.root, 'dist/release/bench-utils/state.json'));
    expect(state.failed.step).toBe('push');
    expect(state.done).toEqual(['changes', 'bump', 'commit', 'tag']);

    // a new release is refused while this one is open
    const again = await runNx(ws.root, ['run', 'bench-utils:release', '--bump=patch'], env());
    expect(again.code).not.toBe(0);
    expect(outputOf(again)).toContain('@mlws/nx: the release of bench-utils 0.1.3 is unfinished (stopped at push: ');

    // the remote accepts again: --resume goes on from the push
    rmSync(hook);
    const resumed = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:release', '--resume'], env()), ws.root);
    log('nx run bench-utils:release --resume', pluginOutput(resumed));
    expect(outputOf(resumed)).not.toContain(TOKEN);
    expect(await git(bare, ['cat-file', '-t', 'v0.1.3'])).toBe('tag');
    expect(await git(bare, ['rev-parse', 'v0.1.3^{commit}'])).toBe(release);
    expect(await git(bare, ['tag', '-l', '--format=%(contents)', 'v0.1.3'])).toBe(`bench-utils 0.1.3\n\n${notes}`);
    // the next dev cycle is the remote's main, on top of the release
    expect(await git(bare, ['rev-parse', 'main^'])).toBe(release);
    expect(await git(bare, ['show', 'main:pyproject.toml'])).toContain('version = "0.1.4.dev0"');
    expect(await git(bare, ['log', '-1', '--format=%s', 'main'])).toBe(
      'Open the 0.1.4 dev cycle of bench-utils (0.1.4.dev0)',
    );

    expect(api.requests.map((q) => [q.method, q.path, q.status, q.authorization])).toEqual([
      ['GET', '/repos/remotes/bench-utils/releases/tags/v0.1.3', 404, `Bearer ${TOKEN}`],
      ['POST', '/repos/remotes/bench-utils/releases', 201, `Bearer ${TOKEN}`],
    ]);
    expect(api.requests[1]?.body).toEqual({
      tag_name: 'v0.1.3',
      name: 'bench-utils 0.1.3',
      body: notes,
      prerelease: false,
      draft: false,
    });

    // staging and prod pin the stable tag (prod was on `0.1.2`, the tag without prefix); locks current
    expect(read(ws.root, 'staging/pyproject.toml')).toMatch(/bench-utils\s+= \{ git = "[^"]+",\s+tag = "v0\.1\.3",/);
    expect(read(ws.root, 'prod/pyproject.toml')).toMatch(/bench-utils\s+= \{ git = "[^"]+",\s+tag = "v0\.1\.3",/);
    for (const args of [
      ['lock', '--project', 'staging', '--locked'],
      ['lock', '--project', 'prod', '--locked'],
    ])
      assertSuccess(await uv(ws.root, args), ws.root);
    expect(read(ws.root, 'prod/uv.lock')).toContain('tag=v0.1.3#');

    // one root commit with exactly the release's files; the pointer at the release, not the next dev commit
    expect(await filesOf(ws.root)).toEqual([
      'packages/bench-utils',
      'prod/pyproject.toml',
      'prod/uv.lock',
      'staging/pyproject.toml',
      'staging/uv.lock',
      'uv.lock',
    ]);
    expect(await git(ws.root, ['rev-parse', 'HEAD^'])).toBe(rootHead);
    expect(await git(ws.root, ['ls-tree', 'HEAD', '--', 'packages/bench-utils'])).toContain(release);
    // notes-0.1.3.md is the user's file: left alone, never staged
    // the submodule is ahead of the root by its next dev commit (nx affected sees it); notes-0.1.3.md
    // is the user's file: left alone, never staged
    expect(await git(ws.root, ['status', '--porcelain'])).toBe(' M packages/bench-utils\n?? notes-0.1.3.md');
    expect(JSON.parse(read(ws.root, 'dist/release/bench-utils/state.json')).done).toHaveLength(11);
  });

  it('a wrong GitHub token stops at step 5 in one line; --resume with the right token creates the release', async () => {
    api.requests.length = 0;
    const r = await runNx(ws.root, ['run', 'prompt-handler:release', '--bump=dev'], {
      ...env(),
      GITHUB_TOKEN: 'ghp_wrong',
    });
    log('release prompt-handler with a wrong token', pluginOutput(r));
    expect(r.code).not.toBe(0);
    expect(outputOf(r)).toContain(
      '@mlws/nx: release of prompt-handler 0.1.1.dev0 stopped at step 5 (github): GitHub rejected the token from GITHUB_TOKEN (401 Bad credentials) for reading the release of v0.1.1.dev0: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on remotes/prompt-handler',
    );
    expect(outputOf(r)).not.toContain('ghp_wrong');
    expect(await git(join(ws.remotesDir, 'prompt-handler.git'), ['cat-file', '-t', 'v0.1.1.dev0'])).toBe('tag');
    const resumed = assertSuccess(await runNx(ws.root, ['run', 'prompt-handler:release', '--resume'], env()), ws.root);
    log('nx run prompt-handler:release --resume', pluginOutput(resumed));
    expect(api.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      'GET /repos/remotes/prompt-handler/releases/tags/v0.1.1.dev0 401',
      'GET /repos/remotes/prompt-handler/releases/tags/v0.1.1.dev0 404',
      'POST /repos/remotes/prompt-handler/releases 201',
    ]);
    expect(read(ws.root, 'staging/pyproject.toml')).toMatch(
      /prompt-handler\s+= \{ git = "[^"]+",\s+tag = "v0\.1\.1\.dev0",/,
    );
    // bench-utils is ahead of the root (its next dev commit): the dev lock is left alone, said so
    expect(outputOf(r)).toContain(
      '@mlws/nx: note: uv.lock (dev) is not relocked: packages/bench-utils is not at the commit the root records',
    );
    expect(await filesOf(ws.root)).toEqual(['packages/prompt-handler', 'staging/pyproject.toml', 'staging/uv.lock']);
    assertSuccess(await uv(ws.root, ['lock', '--project', 'staging', '--locked']), ws.root);
  });
});

describeWithTools(['git', 'uv'], 'nx release version with @mlws/nx/release/version-actions', () => {
  let index: TorchIndexFixture;
  let ws: PlaygroundWorkspace;

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
    assertSuccess(await uv(ws.root, ['lock']), ws.root);
    const nxJson = JSON.parse(read(ws.root, 'nx.json'));
    nxJson.release = {
      projects: ['bench-utils', 'model-interface', 'model-qwen2-5-vl', 'prompt-handler'],
      projectsRelationship: 'independent',
      version: { versionActions: '@mlws/nx/release/version-actions' },
    };
    writeFileSync(join(ws.root, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
    await git(ws.root, ['add', '--', 'nx.json', 'uv.lock']);
    await git(ws.root, ['commit', '--quiet', '-m', 'nx release with the pyproject version actions']);
  });
  afterAll(async () => {
    await index?.stop();
  });

  it('versions bench-utils by PEP 440, updates the dependent range, refreshes the dev lock', async () => {
    const args = [
      'release',
      'version',
      'patch',
      '--projects=bench-utils',
      '--git-commit=false',
      '--git-tag=false',
      '--stage-changes=false',
    ];
    const dry = assertSuccess(await runNx(ws.root, [...args, '--dry-run']), ws.root);
    log('nx release version patch --projects=bench-utils --dry-run', outputOf(dry));
    expect(await git(join(ws.root, 'packages/bench-utils'), ['status', '--porcelain'])).toBe('');

    const r = assertSuccess(await runNx(ws.root, args), ws.root);
    log('nx release version patch --projects=bench-utils', outputOf(r));
    const bench = read(ws.root, 'packages/bench-utils/pyproject.toml');
    expect(bench).toContain('version = "0.1.3"\n');
    expect(await git(join(ws.root, 'packages/bench-utils'), ['diff', '--stat'])).toMatch(/pyproject\.toml \| 2 \+-/);
    const mi = read(ws.root, 'packages/model-interface/pyproject.toml');
    expect(mi).toContain('"bench-utils>=0.1.3",');
    expect(outputOf(r)).toContain('Applied PEP 440 "patch"');
    expect(outputOf(r)).toContain('@mlws/nx: refreshed uv.lock: uv lock');
    expect(read(ws.root, 'uv.lock')).toContain(
      'name = "bench-utils"\nversion = "0.1.3"\nsource = { editable = "packages/bench-utils" }',
    );
    assertSuccess(await uv(ws.root, ['lock', '--locked']), ws.root);
  });

  it('takes explicit PEP 440 versions and dev bumps', async () => {
    const r = assertSuccess(
      await runNx(ws.root, [
        'release',
        'version',
        '0.2.0.dev0',
        '--projects=prompt-handler',
        '--git-commit=false',
        '--git-tag=false',
        '--stage-changes=false',
      ]),
      ws.root,
    );
    log('nx release version 0.2.0.dev0 --projects=prompt-handler', outputOf(r));
    expect(read(ws.root, 'packages/prompt-handler/pyproject.toml')).toContain('version = "0.2.0.dev0"\n');
    const d = assertSuccess(
      await runNx(ws.root, [
        'release',
        'version',
        'prerelease',
        '--projects=prompt-handler',
        '--git-commit=false',
        '--git-tag=false',
        '--stage-changes=false',
      ]),
      ws.root,
    );
    expect(outputOf(d)).toContain('to get new version 0.2.0.dev1');
    expect(read(ws.root, 'packages/prompt-handler/pyproject.toml')).toContain('version = "0.2.0.dev1"\n');
    assertSuccess(await uv(ws.root, ['lock', '--locked']), ws.root);
  });
});
