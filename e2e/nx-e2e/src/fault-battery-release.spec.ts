/**
 * Release faults end to end (issue 13, classes 4, 7 and 8): real Nx, git and uv on the playground,
 * the GitHub stand-in (tools/fixtures/github-api) and the read-only HTTP git server.
 *
 *   bad tag prefixes      refused by the preflight and by --dry-run: no commit, no tag, no file
 *   GITHUB_API_URL creds  refused before any change; the secret is in no output and no file
 *   remote URL creds      shown and stored without them; a stop prints an undo that works
 *   an API that hangs     one line within MLWS_GITHUB_TIMEOUT_MS, naming the URL and --resume
 *   a 200 that is HTML    one line saying what came; --resume completes the release
 *   a damaged uv.lock     one line naming the lock and the fix
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHttp, type GitHttpServer } from '../../../tools/fixtures/git-http';
import { startGithubApi, type GithubApiServer } from '../../../tools/fixtures/github-api';
import { assertSuccess, describeWithTools, git, run, runNx, uvCommand, type PlaygroundWorkspace } from './utils';
import { createUvPlaygroundWorkspace, outputOf, startTorchIndexFixture, type TorchIndexFixture } from './utils/uv';

const TOKEN = 'ghp_faultBatteryT0ken';
const uv = (cwd: string, args: string[]) =>
  run(uvCommand(), args, { cwd, env: { VIRTUAL_ENV: undefined }, timeoutMs: 5 * 60 * 1000 });
const log = (title: string, text: string) =>
  process.stdout.write(`\n[fault-battery-release] ${title}\n${text.trim()}\n`);
const pluginLines = (text: string) => text.split('\n').filter((l) => l.startsWith('@mlws/nx:'));

/** Every file under a directory, as text (none when it does not exist). */
function textsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? textsUnder(join(dir, n)) : [readFileSync(join(dir, n), 'utf8')],
  );
}

describeWithTools(['git', 'uv'], 'release fault battery', () => {
  let index: TorchIndexFixture;
  let api: GithubApiServer;
  let http: GitHttpServer;
  let ws: PlaygroundWorkspace;
  let pkg: string;
  let bare: string;
  const env = (extra: Record<string, string | undefined> = {}) => ({
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: api.url,
    GH_TOKEN: undefined,
    ...extra,
  });

  /** What must not move when a release is refused: both repositories' HEAD, status and tags, and dist/. */
  const snapshot = async () => ({
    pkgHead: await git(pkg, ['rev-parse', 'HEAD']),
    pkgStatus: await git(pkg, ['status', '--porcelain']),
    pkgTags: await git(pkg, ['tag', '--list']),
    rootHead: await git(ws.root, ['rev-parse', 'HEAD']),
    rootStatus: await git(ws.root, ['status', '--porcelain']),
    remoteTags: await git(bare, ['tag', '--list']),
    dist: existsSync(join(ws.root, 'dist/release')),
  });

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
    pkg = join(ws.root, 'packages/bench-utils');
    bare = join(ws.remotesDir, 'bench-utils.git');
    api = await startGithubApi({ token: TOKEN, repositories: { 'remotes/bench-utils': bare } });
    for (const args of [['lock'], ['lock', '--project', 'staging'], ['lock', '--project', 'prod']])
      assertSuccess(await uv(ws.root, args), ws.root);
    await git(ws.root, ['add', '--', 'uv.lock', 'staging/uv.lock', 'prod/uv.lock']);
    await git(ws.root, ['commit', '--quiet', '-m', 'Lock dev, staging and prod']);
  });
  afterAll(async () => {
    await api?.stop();
    await http?.stop();
    await index?.stop();
  });

  const BAD_PREFIXES: Array<[string, string]> = [
    ['-d', 'it starts with "-" (git would read it as an option)'],
    ['v..', 'it contains ".."'],
    ['v/../', 'it contains ".."'],
    ['release 1', 'it contains a space'],
    ['v@{', 'it contains "@{"'],
    ['v.lock', 'a part of it ends with ".lock" (v.lock)'],
    ['v/', 'it ends with "/"'],
    ['v.', 'it ends with "."'],
    ['v\x01', 'it contains the control character \\x01'],
  ];

  it('refuses every bad --tag-prefix in the preflight and in --dry-run: one line, no commit, no tag, no file', async () => {
    const before = await snapshot();
    for (const [prefix, why] of BAD_PREFIXES) {
      for (const dryRun of [false, true]) {
        const r = await runNx(
          ws.root,
          ['run', 'bench-utils:release', '--bump=dev', `--tag-prefix=${prefix}`, ...(dryRun ? ['--dry-run'] : [])],
          env(),
        );
        expect(r.code).not.toBe(0);
        const lines = pluginLines(outputOf(r));
        const shown = JSON.stringify(prefix).replace('\\u0001', '\\x01');
        expect(lines).toEqual([
          `@mlws/nx: --tag-prefix ${shown} cannot start a git tag: ${why} (git check-ref-format rules); pass e.g. --tag-prefix v or --tag-prefix pkg/v`,
        ]);
        expect(await snapshot()).toEqual(before);
      }
    }
    expect(api.requests).toEqual([]);
  });

  it('refuses a bad tagPrefix in nx.json in one line naming nx.json', async () => {
    const nxJsonFile = join(ws.root, 'nx.json');
    const original = readFileSync(nxJsonFile, 'utf8');
    const nxJson = JSON.parse(original);
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { tagPrefix: '-d' } }];
    writeFileSync(nxJsonFile, JSON.stringify(nxJson, null, 2));
    try {
      const r = await runNx(ws.root, ['run', 'bench-utils:release', '--bump=dev', '--dry-run'], env());
      expect(r.code).not.toBe(0);
      expect(pluginLines(outputOf(r))).toContain(
        '@mlws/nx: the tagPrefix option of @mlws/nx in nx.json ("-d") cannot start a git tag: it starts with "-" (git would read it as an option) (git check-ref-format rules); set "tagPrefix" in nx.json to e.g. "v" or "pkg/v"',
      );
    } finally {
      writeFileSync(nxJsonFile, original);
    }
    expect(await git(pkg, ['tag', '--list'])).toBe('0.1.2\nv0.1.3.dev0');
  });

  it('refuses GITHUB_API_URL with credentials before any change; the secret is in no output and no file under dist/', async () => {
    const before = await snapshot();
    const secretUrl = api.url.replace('http://', 'http://bob:apiS3cretPass@');
    for (const dryRun of [false, true]) {
      const r = await runNx(
        ws.root,
        ['run', 'bench-utils:release', '--bump=dev', ...(dryRun ? ['--dry-run'] : [])],
        env({ GITHUB_API_URL: secretUrl }),
      );
      log(`GITHUB_API_URL with credentials${dryRun ? ' --dry-run' : ''}`, outputOf(r));
      expect(r.code).not.toBe(0);
      expect(pluginLines(outputOf(r))).toEqual([
        `@mlws/nx: GITHUB_API_URL has a user name or password in it (before "@"), which would be printed and stored: the token comes from GITHUB_TOKEN or GH_TOKEN; set GITHUB_API_URL=${api.url} and the token in GITHUB_TOKEN (or pass --github-release=false)`,
      ]);
      expect(outputOf(r)).not.toContain('apiS3cretPass');
      expect(textsUnder(join(ws.root, 'dist')).join('\n')).not.toContain('apiS3cretPass');
      expect(await snapshot()).toEqual(before);
    }
    expect(api.requests).toEqual([]);
  });

  it('a remote URL with credentials is shown and stored without them; the stop prints an undo whose commands work', async () => {
    http = await startGitHttp(ws.remotesDir);
    const plain = http.urlOf('bench-utils');
    const withSecret = plain.replace('http://', 'http://x:ghp_remoteS3cret@');
    const original = await git(pkg, ['remote', 'get-url', 'origin']);
    await git(pkg, ['remote', 'set-url', 'origin', withSecret]);
    try {
      const before = await snapshot();
      const dry = assertSuccess(
        await runNx(
          ws.root,
          ['run', 'bench-utils:release', '--bump=dev', '--github-release=false', '--dry-run'],
          env({ GIT_TERMINAL_PROMPT: '0' }),
        ),
        ws.root,
      );
      expect(outputOf(dry)).toContain(`not behind origin (${plain})`);
      expect(outputOf(dry)).not.toContain('ghp_remoteS3cret');

      // the read-only HTTP remote refuses the push: the release stops after its commit and tag
      const r = await runNx(
        ws.root,
        ['run', 'bench-utils:release', '--bump=dev', '--github-release=false'],
        env({ GIT_TERMINAL_PROMPT: '0' }),
      );
      log('release with a remote URL holding credentials (push refused)', outputOf(r));
      expect(r.code).not.toBe(0);
      const out = outputOf(r);
      expect(out).not.toContain('ghp_remoteS3cret');
      expect(textsUnder(join(ws.root, 'dist')).join('\n')).not.toContain('ghp_remoteS3cret');
      expect(JSON.parse(readFileSync(join(ws.root, 'dist/release/bench-utils/state.json'), 'utf8')).remoteUrl).toBe(
        plain,
      );
      expect(out).toContain('@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 4 (push)');
      expect(await git(pkg, ['tag', '--list', 'v0.1.3.dev1'])).toBe('v0.1.3.dev1');

      // the printed way back, run as printed, puts everything as it was
      const undo = /@mlws\/nx: or undo it \(nothing left this machine\): (.+)/.exec(out)?.[1];
      expect(undo).toBe(
        `git -C packages/bench-utils tag -d -- v0.1.3.dev1 && git -C packages/bench-utils reset --keep ${before.pkgHead} && rm dist/release/bench-utils/state.json`,
      );
      assertSuccess(await run('sh', ['-c', undo ?? 'false'], { cwd: ws.root }), ws.root);
      expect({ ...(await snapshot()), dist: before.dist }).toEqual(before);
      expect(existsSync(join(ws.root, 'dist/release/bench-utils/state.json'))).toBe(false);
    } finally {
      await git(pkg, ['remote', 'set-url', 'origin', original]);
    }
  });

  it('a GitHub API that never answers stops step 5 within the timeout in one line naming the URL and --resume', async () => {
    api.requests.length = 0;
    api.hangNext('GET');
    const started = Date.now();
    const r = await runNx(
      ws.root,
      ['run', 'bench-utils:release', '--bump=dev'],
      env({ MLWS_GITHUB_TIMEOUT_MS: '2000' }),
      { timeoutMs: 120_000 },
    );
    const elapsed = Date.now() - started;
    log(`release with a GitHub API that never answers (${elapsed} ms)`, outputOf(r));
    expect(r.code).not.toBe(0);
    expect(elapsed).toBeLessThan(60_000);
    expect(pluginLines(outputOf(r))).toContain(
      `@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 5 (github): the GitHub API at ${api.url} did not answer within 2 s (reading the release of v0.1.3.dev1): check GITHUB_API_URL and the network, then nx run bench-utils:release --resume`,
    );
    expect(api.requests.map((q) => [q.method, q.status])).toEqual([['GET', 0]]);
    expect(await git(bare, ['cat-file', '-t', 'v0.1.3.dev1'])).toBe('tag');
  });

  it('a 200 answer that is not JSON is one line; --resume then completes the release', async () => {
    api.requests.length = 0;
    api.answerNextRaw(200, '<html><body>Corporate proxy: please sign in</body></html>', 'text/html', 'GET');
    const r = await runNx(ws.root, ['run', 'bench-utils:release', '--resume'], env());
    log('--resume with a GitHub API answering HTML', outputOf(r));
    expect(r.code).not.toBe(0);
    expect(pluginLines(outputOf(r))).toContain(
      `@mlws/nx: release of bench-utils 0.1.3.dev1 stopped at step 5 (github): the GitHub API at ${api.url} answered 200 to reading the release of v0.1.3.dev1 with text that is not JSON ("<html><body>Corporate proxy: please sign"…): GITHUB_API_URL must be the REST API (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise), not a web page or a proxy, then nx run bench-utils:release --resume`,
    );
    expect(outputOf(r)).not.toContain('Cannot read properties');

    const resumed = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:release', '--resume'], env()), ws.root);
    log('--resume', outputOf(resumed));
    expect(api.requests.map((q) => `${q.method} ${q.status}`)).toEqual(['GET 200', 'GET 404', 'POST 201']);
    expect(readFileSync(join(ws.root, 'staging/pyproject.toml'), 'utf8')).toMatch(
      /bench-utils\s+= \{ git = "[^"]+",\s+tag = "v0\.1\.3\.dev1",/,
    );
  });

  it('a uv.lock with merge-conflict markers is one line naming the lock and the fix', async () => {
    const lock = join(ws.root, 'prod/uv.lock');
    const original = readFileSync(lock, 'utf8');
    writeFileSync(lock, `<<<<<<< HEAD\n${original}=======\n${original}>>>>>>> feature\n`);
    try {
      const r = await runNx(ws.root, ['run', 'prod:lock']);
      log('nx run prod:lock with conflict markers', outputOf(r));
      expect(r.code).not.toBe(0);
      expect(outputOf(r)).toContain(
        "prod/uv.lock has git merge-conflict markers (line 1: <<<<<<< HEAD): a lock is not merged by hand; take one side with git checkout HEAD -- prod/uv.lock (or git checkout --theirs -- prod/uv.lock while merging), then run uv lock --project prod to take in both sides' changes",
      );
      // the fix it names works
      await git(ws.root, ['checkout', 'HEAD', '--', 'prod/uv.lock']);
      assertSuccess(await runNx(ws.root, ['run', 'prod:lock']), ws.root);
    } finally {
      if (readFileSync(lock, 'utf8').includes('<<<<<<<')) writeFileSync(lock, original);
    }
  });
});
