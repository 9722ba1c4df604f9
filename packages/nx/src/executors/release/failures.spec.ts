import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld } from '../../release/__testing__/fake-release-deps';
import { FILES, PKG, run, show } from './__testing__/release-world';

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
});
