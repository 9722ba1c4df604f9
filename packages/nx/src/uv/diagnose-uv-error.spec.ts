import { diagnoseUvError, isStaleLockError, uvErrorLine } from './diagnose-uv-error';

const dev = {
  pyprojectFile: 'pyproject.toml',
  isDev: true,
  uninitialisedSubmodules: ['packages/prompt-handler', 'packages/other'],
};

describe('diagnoseUvError', () => {
  it('names the uninitialised submodule behind a workspace source', () => {
    const stderr =
      'error: Failed to build `ml @ file:///w`\n  Caused by: `prompt-handler` references a workspace in `tool.uv.sources` (e.g., `prompt-handler = { workspace = true }`), but is not a workspace member';
    expect(diagnoseUvError(stderr, dev)).toBe(
      'packages/prompt-handler is a submodule that is not initialised: run git submodule update --init packages/prompt-handler',
    );
  });

  it('explains workspace sources inside a git-pinned package', () => {
    const stderr =
      '  Caused by: `bench-utils` references a workspace in `tool.uv.sources` (e.g., `bench-utils = { workspace = true }`), but is not a workspace member';
    expect(
      diagnoseUvError(stderr, { pyprojectFile: 'staging/pyproject.toml', isDev: false, uninitialisedSubmodules: [] }),
    ).toMatch(
      /^a package pinned by git in staging\/pyproject\.toml declares `bench-utils = \{ workspace = true \}` in its own pyproject/,
    );
  });

  it('suggests an override for conflicting URLs', () => {
    const stderr =
      'error: Requirements contain conflicting URLs for package `model-interface` in all marker environments:\n- git+file:///r/mi@v0.1.2\n- git+file:///r/mi@v0.1.2.dev0';
    expect(
      diagnoseUvError(stderr, { pyprojectFile: 'staging/pyproject.toml', isDev: false, uninitialisedSubmodules: [] }),
    ).toContain('add "model-interface" to [tool.uv] override-dependencies');
  });

  it('stays quiet for other errors', () => {
    expect(diagnoseUvError('error: No solution found when resolving dependencies', dev)).toBeUndefined();
  });
});

/** uv 0.13.8's own output, captured by reproducing each failure. */
const UV = {
  /** `uv lock --project staging` with `tag = "v0.1.9.dev0"`, a tag the bare repository does not have. */
  missingTag: `Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3
   Updating file:///tmp/ml/ws/remotes/bench-utils.git (v0.1.9.dev0)
error: Failed to download and build \`bench-utils @ git+file:///tmp/ml/ws/remotes/bench-utils.git@v0.1.9.dev0#subdirectory=\`
  cause: Git operation failed
  cause: failed to clone into: /root/.cache/uv/git-v1/db/17ee9266434ddd7c
  cause: failed to fetch tag \`v0.1.9.dev0\`
  cause: process didn't exit successfully: \`/usr/bin/git fetch --force --update-head-ok 'file:///tmp/ml/ws/remotes/bench-utils.git' '+refs/tags/v0.1.9.dev0:refs/remotes/origin/tags/v0.1.9.dev0'\` (exit status: 128)
         --- stderr
         fatal: couldn't find remote ref refs/tags/v0.1.9.dev0
`,
  /** `uv lock` with a member (`b`) that the root's [tool.uv.sources] does not map. */
  memberWithoutSource: `Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3
error: Failed to build \`a @ file:///tmp/mlws-diag/ws3/packages/a\`
  cause: Failed to parse entry: \`b\`
  cause: \`b\` is included as a workspace member, but is missing an entry in \`tool.uv.sources\` (e.g., \`b = { workspace = true }\`)
`,
  /** `uv lock --project staging` with a pinned package whose own pyproject has a workspace source. */
  pinnedWorkspaceSource: `Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3
   Updating file:///tmp/ml/ws/remotes/model-interface.git (v0.1.2.dev1)
    Updated file:///tmp/ml/ws/remotes/model-interface.git (e363702e682ca5d340d74688d54455ca1451b4b8)
error: Failed to download and build \`model-interface @ git+file:///tmp/ml/ws/remotes/model-interface.git@v0.1.2.dev1#subdirectory=\`
  cause: Failed to parse entry: \`bench-utils\`
  cause: \`bench-utils\` references a workspace in \`tool.uv.sources\` (e.g., \`bench-utils = { workspace = true }\`), but is not a workspace member
`,
  /** `uv lock` with members = ["packages/a", "packages/b"] after `mv packages/b packages/bb`. */
  memberMoved: `Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3
error: Failed to build \`a @ file:///tmp/mlws-diag/ws4/packages/a\`
  cause: Failed to parse entry: \`b\`
  cause: \`b\` references a workspace in \`tool.uv.sources\` (e.g., \`b = { workspace = true }\`), but is not a workspace member
`,
};

const staging = {
  pyprojectFile: 'staging/pyproject.toml',
  isDev: false,
  environment: 'staging',
  uninitialisedSubmodules: [],
  submodules: [
    { path: 'packages/bench-utils', url: '/tmp/ml/ws/remotes/bench-utils.git' },
    { path: 'packages/model-interface', url: '../remotes/model-interface.git' },
  ],
  gitPins: ['bench-utils', 'model-interface'],
};

describe('diagnoseUvError on real uv 0.13.8 output', () => {
  it('a pinned tag that is not on the remote: the package, the tag, the remote, push it or pin one that exists', () => {
    expect(diagnoseUvError(UV.missingTag, staging)).toBe(
      'the tag v0.1.9.dev0 of bench-utils is not on its remote file:///tmp/ml/ws/remotes/bench-utils.git (never pushed?): ' +
        'push it with git -C packages/bench-utils push origin v0.1.9.dev0, or pin a tag that exists with nx g @mlws/nx:pin bench-utils --env staging --tag <tag>',
    );
  });

  it('a missing tag the environment does not pin itself (a package requires it at that tag): no pin command', () => {
    expect(diagnoseUvError(UV.missingTag, { ...staging, gitPins: ['model-interface'] })).toBe(
      'the tag v0.1.9.dev0 of bench-utils is not on its remote file:///tmp/ml/ws/remotes/bench-utils.git (never pushed?): ' +
        'push it with git -C packages/bench-utils push origin v0.1.9.dev0, or reference a tag that exists (a package requires bench-utils at v0.1.9.dev0)',
    );
  });

  it('a missing tag of a remote no submodule has: the checkout is not named', () => {
    expect(diagnoseUvError(UV.missingTag, { ...staging, submodules: [] })).toContain(
      'push it with git -C <the package checkout> push origin v0.1.9.dev0',
    );
  });

  it('a fetch that failed for another reason than a missing ref is left to uv', () => {
    const unreachable = UV.missingTag.replace(
      "fatal: couldn't find remote ref refs/tags/v0.1.9.dev0",
      "fatal: '/tmp/ml/ws/remotes/bench-utils.git' does not appear to be a git repository",
    );
    expect(diagnoseUvError(unreachable, staging)).toBeUndefined();
  });

  it('a member missing from the root sources: nx sync adds it', () => {
    expect(diagnoseUvError(UV.memberWithoutSource, dev)).toBe(
      'the workspace member b has no b = { workspace = true } in [tool.uv.sources] of pyproject.toml: run nx sync (it adds the sources and dependencies of every member) or add that line, then lock again',
    );
  });

  it('names the pinned package that declares a workspace source', () => {
    expect(diagnoseUvError(UV.pinnedWorkspaceSource, staging)).toBe(
      'model-interface (pinned by git in staging/pyproject.toml) declares `bench-utils = { workspace = true }` in its own pyproject, which only works inside the workspace: ' +
        "move that source to the root pyproject (the root's sources apply to every member) and release the package again",
    );
  });

  it('a member submodule moved by hand is not called uninitialised: move it back, then nx g @mlws/nx:move', () => {
    const moved = {
      pyprojectFile: 'pyproject.toml',
      isDev: true,
      uninitialisedSubmodules: [],
      missingSubmodules: [{ path: 'packages/b', movedTo: 'packages/bb' }],
    };
    expect(diagnoseUvError(UV.memberMoved, moved)).toBe(
      'packages/b is a submodule in .gitmodules, but its directory was moved by hand to packages/bb (git and .gitmodules still name packages/b): ' +
        'move it back with mv packages/bb packages/b, then move it with nx g @mlws/nx:move packages/b --to packages/bb',
    );
  });

  it('a member submodule whose directory is gone, copy not found: move back or restore', () => {
    const gone = {
      pyprojectFile: 'pyproject.toml',
      isDev: true,
      uninitialisedSubmodules: ['packages/other'],
      missingSubmodules: [{ path: 'packages/b' }],
    };
    expect(diagnoseUvError(UV.memberMoved, gone)).toBe(
      'packages/b is a submodule in .gitmodules, but its directory is missing (moved or deleted by hand): ' +
        'if you moved it, move it back (mv <new dir> packages/b) and move it with nx g @mlws/nx:move packages/b --to <new dir>; if you deleted it, run git submodule update --init packages/b',
    );
  });

  describe('uvErrorLine', () => {
    it('finds the line of uv output that says what went wrong', () => {
      const stderr = [
        'Using CPython 3.11.7 interpreter at: /usr/bin/python3',
        '   Updating file:///r/model-interface (v0.1.2)',
        'error: Failed to resolve dependencies for package `model-qwen2-5-vl==0.1.2.dev0`',
        '  cause: Requirements contain conflicting URLs for package `model-interface` in all marker environments:',
        '         - git+file:///r/model-interface@v0.1.2',
      ].join('\n');
      expect(uvErrorLine(stderr)).toBe(
        'Failed to resolve dependencies for package `model-qwen2-5-vl==0.1.2.dev0`: Requirements contain conflicting URLs for package `model-interface` in all marker environments:',
      );
      expect(uvErrorLine('just one line\n')).toBe('just one line');
    });
  });

  it('tells a stale lock (uv 0.13.8: --locked, --check, a missing lock) from other failures', () => {
    expect(isStaleLockError('error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.')).toBe(
      true,
    );
    expect(isStaleLockError('error: The lockfile at `uv.lock` needs to be updated, but `--check` was provided.')).toBe(
      true,
    );
    expect(
      isStaleLockError(
        'error: Unable to find lockfile at `uv.lock`, but `--locked` was provided. To create a lockfile, run `uv lock` or `uv sync` without the flag.',
      ),
    ).toBe(true);
    expect(isStaleLockError('FAILED tests/test_x.py::test_lock - the cache needs to be updated')).toBe(false);
  });
});
