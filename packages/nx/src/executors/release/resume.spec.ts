import { fakeWorld } from '../../release/__testing__/fake-release-deps';
import { FILES, run, show, writingCalls } from './__testing__/release-world';

describe('release executor: --resume', () => {
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
