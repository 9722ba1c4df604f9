import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeDeps } from './__testing__/fakes';
import { git, showCommand, uv } from '../../plan/command';
import { relockCallback } from './relock';

describe('relockCallback', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-relock-'));
    mkdirSync(join(root, 'staging'));
    mkdirSync(join(root, 'prod'));
    writeFileSync(join(root, 'staging/pyproject.toml'), 'new staging\n');
    writeFileSync(join(root, 'prod/pyproject.toml'), 'new prod\n');
    writeFileSync(join(root, 'prod/uv.lock'), 'old prod lock\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const envs = [
    { name: 'staging', path: 'staging' },
    { name: 'prod', path: 'prod' },
  ];
  const snapshot = [
    { file: 'staging/pyproject.toml', before: 'old staging\n' },
    { file: 'prod/pyproject.toml', before: null },
  ];

  it('runs uv lock per environment', async () => {
    const deps = fakeDeps();
    await relockCallback(root, envs, snapshot, deps, 'retry')();
    expect(deps.uvCalls).toEqual([
      { cwd: root, args: ['lock', '--project', 'staging'] },
      { cwd: root, args: ['lock', '--project', 'prod'] },
    ]);
    expect(readFileSync(join(root, 'staging/pyproject.toml'), 'utf8')).toBe('new staging\n');
  });

  it('puts every written file and lock back when uv fails, and says so in one line', async () => {
    const deps = fakeDeps({
      uvExit: 1,
      uvStderr: '  × No solution found when resolving dependencies:\n  ╰─▶ Because …\n',
    });
    await expect(relockCallback(root, envs, snapshot, deps, 'run it again')()).rejects.toThrow(
      '@mlws/nx: uv lock --project staging failed (No solution found when resolving dependencies: Because …); staging/pyproject.toml, prod/pyproject.toml are restored, nothing changed: run it again',
    );
    expect(readFileSync(join(root, 'staging/pyproject.toml'), 'utf8')).toBe('old staging\n');
    expect(existsSync(join(root, 'prod/pyproject.toml'))).toBe(false);
    expect(readFileSync(join(root, 'prod/uv.lock'), 'utf8')).toBe('old prod lock\n');
  });

  it('explains the uv failures the lock target diagnoses the same way (a pinned package with a workspace source)', async () => {
    // uv 0.13.8, uv lock --project staging with model-interface pinned at a tag whose pyproject has bench-utils = { workspace = true }
    const uvStderr = [
      'Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3',
      '   Updating file:///tmp/ml/ws/remotes/model-interface.git (v0.1.2.dev1)',
      '    Updated file:///tmp/ml/ws/remotes/model-interface.git (e363702e682ca5d340d74688d54455ca1451b4b8)',
      'error: Failed to download and build `model-interface @ git+file:///tmp/ml/ws/remotes/model-interface.git@v0.1.2.dev1#subdirectory=`',
      '  cause: Failed to parse entry: `bench-utils`',
      '  cause: `bench-utils` references a workspace in `tool.uv.sources` (e.g., `bench-utils = { workspace = true }`), but is not a workspace member',
    ].join('\n');
    const deps = fakeDeps({ uvExit: 1, uvStderr });
    await expect(relockCallback(root, envs, snapshot, deps, 'run it again')()).rejects.toThrow(
      '@mlws/nx: uv lock --project staging failed: model-interface (pinned by git in staging/pyproject.toml) declares `bench-utils = { workspace = true }` in its own pyproject, ' +
        "which only works inside the workspace: move that source to the root pyproject (the root's sources apply to every member) and release the package again; " +
        'staging/pyproject.toml, prod/pyproject.toml are restored, nothing changed: run it again',
    );
  });

  it('a pinned tag that was never pushed: names the checkout from .gitmodules and the pin command of the environment', async () => {
    writeFileSync(
      join(root, '.gitmodules'),
      '[submodule "packages/bench-utils"]\n\tpath = packages/bench-utils\n\turl = /tmp/ml/ws/remotes/bench-utils.git\n',
    );
    mkdirSync(join(root, 'packages/bench-utils'), { recursive: true });
    writeFileSync(join(root, 'packages/bench-utils/pyproject.toml'), '[project]\nname = "bench-utils"\n');
    const uvStderr = [
      'error: Failed to download and build `bench-utils @ git+file:///tmp/ml/ws/remotes/bench-utils.git@v0.1.9.dev0#subdirectory=`',
      '  cause: Git operation failed',
      '  cause: failed to clone into: /root/.cache/uv/git-v1/db/17ee9266434ddd7c',
      '  cause: failed to fetch tag `v0.1.9.dev0`',
      "  cause: process didn't exit successfully: `/usr/bin/git fetch --force --update-head-ok 'file:///tmp/ml/ws/remotes/bench-utils.git' '+refs/tags/v0.1.9.dev0:refs/remotes/origin/tags/v0.1.9.dev0'` (exit status: 128)",
      '         --- stderr',
      "         fatal: couldn't find remote ref refs/tags/v0.1.9.dev0",
    ].join('\n');
    const deps = fakeDeps({ uvExit: 1, uvStderr });
    await expect(
      relockCallback(root, [{ name: 'qa', path: 'staging' }], snapshot.slice(0, 1), deps, 'run it again')(),
    ).rejects.toThrow(
      '@mlws/nx: uv lock --project staging failed: the tag v0.1.9.dev0 of bench-utils is not on its remote file:///tmp/ml/ws/remotes/bench-utils.git (never pushed?): ' +
        'push it with git -C packages/bench-utils push origin v0.1.9.dev0, or pin a tag that exists with nx g @mlws/nx:pin bench-utils --env qa --tag <tag>; ' +
        'staging/pyproject.toml is restored, nothing changed: run it again',
    );
  });

  it('quotes only what a shell would split', () => {
    expect(showCommand(uv(['lock', '--project', 'envs/qa']))).toBe('uv lock --project envs/qa');
    expect(showCommand(git('.', ['tag', 'a b']))).toBe("git tag 'a b'");
  });
});
