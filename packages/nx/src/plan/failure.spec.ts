import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, uv } from './command';
import { commandFailure, gitErrorLine } from './failure';

describe('the failure formatter', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-failure-'));
    writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "ml"\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("says which git command failed and git's line that says why", () => {
    const r = { exitCode: 1, stdout: '', stderr: 'hint: something\nfatal: index.lock exists\n' };
    expect(commandFailure(git('packages/x', ['commit']), r, { root })).toEqual({
      why: 'fatal: index.lock exists',
      line: 'git -C packages/x commit failed: fatal: index.lock exists',
    });
    expect(commandFailure(git('.', ['commit']), r, { root, exitCode: true }).line).toBe(
      'git commit failed (exit 1): fatal: index.lock exists',
    );
    expect(commandFailure(git('.', ['push']), { exitCode: 1, stdout: '', stderr: '' }, { root }).line).toBe(
      'git push failed: exit 1',
    );
  });

  it("names a rejected push with the hook's message", () => {
    const stderr =
      'remote: pushes are closed today\nTo x\n ! [remote rejected] main -> main (pre-receive hook declined)\n';
    expect(gitErrorLine(stderr)).toBe(
      '! [remote rejected] main -> main (pre-receive hook declined) — remote: pushes are closed today',
    );
  });

  it("a failed uv lock is diagnosed like the lock target does, else uv's error line", () => {
    const stale =
      'error: Failed to parse `uv.lock`\n  cause: TOML parse error at line 1, column 9\n    |\n  1 | <<<<<<< HEAD\n    |         ^\nkey with no value, expected `=`\n';
    expect(commandFailure(uv(['lock']), { exitCode: 2, stdout: '', stderr: stale }, { root }).line).toMatch(
      /^uv lock failed: uv\.lock has git merge-conflict markers/,
    );
    expect(
      commandFailure(
        uv(['lock', '--project', 'staging']),
        { exitCode: 2, stdout: '', stderr: 'x\nerror: boom\n' },
        { root },
      ).line,
    ).toBe('uv lock --project staging failed (boom)');
  });
});
