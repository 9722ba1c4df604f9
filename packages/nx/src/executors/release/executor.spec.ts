import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld } from '../../release/__testing__/fake-release-deps';
import { readState } from '../../release/state';
import { env, FILES, PKG, run, show } from './__testing__/release-world';

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
