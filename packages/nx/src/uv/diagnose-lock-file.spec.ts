import { diagnoseLockFile } from './diagnose-lock-file';
import { diagnoseUvError } from './diagnose-uv-error';

/** uv 0.13.8's stderr (`uv lock`, `uv lock --project staging`, `uv sync`) on damaged locks, as printed. */
const UV = {
  conflict: `Using CPython 3.11.7 interpreter at: /usr/bin/python3
error: Failed to parse \`uv.lock\`
  cause: TOML parse error at line 1, column 9
           |
         1 | <<<<<<< HEAD
           |         ^
         key with no value, expected \`=\`
`,
  truncated: `error: Failed to parse \`uv.lock\`
  cause: TOML parse error at line 3, column 16
           |
         3 | requires-python
           |                ^
         key with no value, expected \`=\`
`,
  badVersion: `error: Failed to parse \`uv.lock\`
  cause: TOML parse error at line 1, column 11
           |
         1 | version = "x"
           |           ^^^
         invalid type: string "x", expected u32
`,
  empty: `error: Failed to parse \`uv.lock\`
  cause: TOML parse error at line 1, column 1
           |
         1 | 
           | ^
         missing field \`version\`
`,
  binary: 'error: failed to read from file `/ws/staging/uv.lock`: stream did not contain valid UTF-8\n',
  directory: 'error: failed to read from file `/ws/uv.lock`: Is a directory (os error 21)\n',
  schema:
    'error: The lockfile at `uv.lock` uses an unsupported schema version (v99, but only v1 is supported). Downgrade to a compatible uv version, or remove the `uv.lock` prior to running `uv lock` or `uv sync`.\n',
};

describe('diagnoseLockFile (real uv 0.13.8 output)', () => {
  it('merge-conflict markers: take one side, then relock', () => {
    expect(diagnoseLockFile(UV.conflict, '.')).toBe(
      "uv.lock has git merge-conflict markers (line 1: <<<<<<< HEAD): a lock is not merged by hand; take one side with git checkout HEAD -- uv.lock (or git checkout --theirs -- uv.lock while merging), then run uv lock to take in both sides' changes",
    );
  });

  it.each([
    ['truncated', 'line 3, column 16: key with no value, expected `=`'],
    ['badVersion', 'line 1, column 11: invalid type: string "x", expected u32'],
    ['empty', 'line 1, column 1: missing field `version`'],
  ] as const)('%s: names the lock, where, and both fixes', (key, where) => {
    expect(diagnoseLockFile(UV[key], 'staging')).toBe(
      `staging/uv.lock is damaged and uv cannot read it (${where}): restore the committed lock with git checkout HEAD -- staging/uv.lock, or set it aside and lock afresh with mv staging/uv.lock staging/uv.lock.broken && uv lock --project staging`,
    );
  });

  it('not UTF-8, a directory, a newer schema', () => {
    expect(diagnoseLockFile(UV.binary, 'staging')).toBe(
      'staging/uv.lock is not UTF-8 text (a binary or damaged file): restore the committed lock with git checkout HEAD -- staging/uv.lock, or set it aside and lock afresh with mv staging/uv.lock staging/uv.lock.broken && uv lock --project staging',
    );
    expect(diagnoseLockFile(UV.directory, '.')).toBe(
      'uv.lock is a directory, not a lock file: move it aside (mv uv.lock uv.lock.dir), then run uv lock',
    );
    expect(diagnoseLockFile(UV.schema, '.')).toBe(
      'uv.lock was written by a newer uv (lock schema v99; this uv reads v1): use the uv the workspace pins (or a newer one), or restore the committed lock with git checkout HEAD -- uv.lock',
    );
  });

  it('other errors are not about the lock file', () => {
    expect(
      diagnoseLockFile('error: Failed to parse: `pyproject.toml`\n  cause: TOML parse error at line 1, column 1', '.'),
    ).toBeUndefined();
    expect(diagnoseLockFile('error: No solution found when resolving dependencies', '.')).toBeUndefined();
  });

  it('diagnoseUvError gives it for the environment of the pyproject', () => {
    const c = { pyprojectFile: 'prod/pyproject.toml', isDev: false, uninitialisedSubmodules: [] };
    expect(diagnoseUvError(UV.truncated, c)).toContain(
      'prod/uv.lock is damaged and uv cannot read it (line 3, column 16',
    );
  });
});
