import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld, FakeWorld } from '../../release/__testing__/fake-release-deps';
import { context } from './__testing__/release-world';
import releaseExecutor from './executor';

/** Bad ref names and secrets in URLs: refused before any change (and by --dry-run), never shown or stored. */
const PKG = '[project]\nname = "bench-utils"\nversion = "0.1.3.dev0"\ndependencies = []\n';
const FILES = {
  '.gitmodules':
    '[submodule "packages/bench-utils"]\n\tpath = packages/bench-utils\n\turl = https://github.com/mlws/bench-utils.git\n',
  'packages/bench-utils/pyproject.toml': PKG,
  'staging/pyproject.toml':
    '[project]\nname = "s"\nversion = "0.1.0"\ndependencies = ["bench-utils"]\n\n[tool.uv.sources]\nbench-utils = { git = "https://github.com/mlws/bench-utils", tag = "v0.1.3.dev0", subdirectory = "." }\n',
};

const WRITES = ['commit', 'tag', 'push', 'add', 'update-index', 'reset'];
const writingCalls = (w: FakeWorld) => w.gitCalls.filter((c) => WRITES.includes(c.args[0]) && c.args[1] !== '--list');

/** Every file under dir, as text. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [readFileSync(join(dir, n), 'utf8')],
  );
}

describe('release: bad tag prefixes are refused before any change', () => {
  const BAD: Array<[string, string]> = [
    ['-d', 'it starts with "-" (git would read it as an option)'],
    ['v..', 'it contains ".."'],
    ['v/../', 'it contains ".."'],
    ['release 1', 'it contains a space'],
    ['v@{', 'it contains "@{"'],
    ['v.lock', 'a part of it ends with ".lock" (v.lock)'],
    ['v/', 'it ends with "/"'],
    ['v.', 'it ends with "."'],
    ['v\x01', 'it contains the control character \\x01'],
    ['v~', 'it contains "~"'],
  ];
  it.each(BAD)('--tag-prefix %j: one line, no commit, no file, also with --dry-run', async (prefix, why) => {
    for (const dryRun of [false, true]) {
      const w = fakeWorld(FILES);
      const r = await releaseExecutor({ bump: 'dev', tagPrefix: prefix, dryRun }, context(w), w.deps);
      expect(r).toEqual({ success: false });
      const shown = JSON.stringify(prefix).replace(/\\u0001/, '\\x01');
      expect(w.lines).toEqual([
        `@mlws/nx: --tag-prefix ${shown} cannot start a git tag: ${why} (git check-ref-format rules); pass e.g. --tag-prefix v or --tag-prefix pkg/v`,
      ]);
      expect(writingCalls(w)).toEqual([]);
      expect(w.read('packages/bench-utils/pyproject.toml')).toBe(PKG);
      expect(existsSync(join(w.root, 'dist'))).toBe(false);
    }
  });

  it('a bad tagPrefix in nx.json is one line naming nx.json', async () => {
    const w = fakeWorld(FILES);
    const r = await releaseExecutor({ bump: 'dev', tagPrefix: 'rel ' }, context(w, { tagPrefix: 'rel ' }), w.deps);
    expect(r).toEqual({ success: false });
    expect(w.lines).toEqual([
      '@mlws/nx: the tagPrefix option of @mlws/nx in nx.json ("rel ") cannot start a git tag: it contains a space (git check-ref-format rules); set "tagPrefix" in nx.json to e.g. "v" or "pkg/v"',
    ]);
  });

  it('accepts an empty prefix and a hierarchical one', async () => {
    for (const prefix of ['', 'bench-utils/v']) {
      const w = fakeWorld(FILES);
      expect(await releaseExecutor({ bump: 'dev', tagPrefix: prefix, dryRun: true }, context(w), w.deps)).toEqual({
        success: true,
      });
      expect(w.lines[0]).toContain(`tag ${prefix}0.1.3.dev1`);
    }
  });

  it('an upstream remote that would be an option is refused before git sees it', async () => {
    const w = fakeWorld(FILES);
    w.pkg.upstream = { remote: '--upload-pack=touch /tmp/x', merge: 'refs/heads/main' };
    expect(await releaseExecutor({ bump: 'dev' }, context(w), w.deps)).toEqual({ success: false });
    expect(w.lines).toEqual([
      '@mlws/nx: the upstream of main in packages/bench-utils names the remote "--upload-pack=touch /tmp/x", which git would refuse: it starts with "-" (git would read it as an option); set a valid upstream (git -C packages/bench-utils branch --set-upstream-to=origin/main)',
    ]);
    expect(w.gitCalls.some((c) => c.args.includes('--upload-pack=touch /tmp/x'))).toBe(false);
  });

  it('--resume refuses a state file whose tag git would refuse', async () => {
    const w = fakeWorld(FILES);
    await releaseExecutor({ bump: 'dev', push: false }, context(w), w.deps);
    const file = join(w.root, 'dist/release/bench-utils/state.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"tag": "v0.1.3.dev1"', '"tag": "-d"'));
    const calls = w.gitCalls.length;
    expect(await releaseExecutor({ resume: true }, context(w), w.deps)).toEqual({ success: false });
    expect(w.lines[w.lines.length - 1]).toBe(
      '@mlws/nx: dist/release/bench-utils/state.json names the tag "-d", which git would refuse (it starts with "-" (git would read it as an option)): the file was edited or is damaged; abandon the release with rm dist/release/bench-utils/state.json (commits and tags it made stay)',
    );
    expect(w.gitCalls.slice(calls)).toEqual([]);
  });
});

describe('release: credentials in URLs', () => {
  it('GITHUB_API_URL with a user and password is refused before any change, also with --dry-run, and the secret is nowhere', async () => {
    for (const dryRun of [false, true]) {
      const w = fakeWorld(FILES, {
        env: { GITHUB_TOKEN: 'ghp_fake', GITHUB_API_URL: 'https://bob:s3cr3t@ghe.corp/api/v3' },
      });
      expect(await releaseExecutor({ bump: 'dev', dryRun }, context(w), w.deps)).toEqual({ success: false });
      expect(w.lines).toEqual([
        '@mlws/nx: GITHUB_API_URL has a user name or password in it (before "@"), which would be printed and stored: the token comes from GITHUB_TOKEN or GH_TOKEN; set GITHUB_API_URL=https://ghe.corp/api/v3 and the token in GITHUB_TOKEN (or pass --github-release=false)',
      ]);
      expect(writingCalls(w)).toEqual([]);
      expect(existsSync(join(w.root, 'dist'))).toBe(false);
    }
  });

  it('a remote URL with credentials is shown and stored without them; the pin gets the plain URL', async () => {
    const w = fakeWorld(FILES);
    w.pkg.remoteUrl = 'https://x:ghp_remoteSecret@github.com/mlws/bench-utils.git';
    w.pkg.remote.reject = `unable to access 'https://x:ghp_remoteSecret@github.com/mlws/bench-utils.git/': 403`;
    expect(await releaseExecutor({ bump: 'dev' }, context(w), w.deps)).toEqual({ success: false });
    const out = w.lines.join('\n');
    expect(out).toContain('https://github.com/mlws/bench-utils.git');
    expect(out).not.toContain('ghp_remoteSecret');
    expect(filesUnder(join(w.root, 'dist')).join('\n')).not.toContain('ghp_remoteSecret');
    expect(JSON.parse(w.read('dist/release/bench-utils/state.json')).remoteUrl).toBe(
      'https://github.com/mlws/bench-utils.git',
    );
  });
});
