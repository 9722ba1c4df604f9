import type { ExecutorContext } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld, FakeWorld } from '../../release/__testing__/fake-release-deps';
import { context, env, FILES, PKG, run, writingCalls } from './__testing__/release-world';
import releaseExecutor from './executor';

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
