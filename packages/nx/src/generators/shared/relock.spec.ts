import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeDeps } from './__testing__/fakes';
import { formatCommand, relockCallback, uvErrorLine } from './relock';

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
    const deps = fakeDeps({ uvExit: 1, uvStderr: '  × No solution found when resolving dependencies:\n  ╰─▶ Because …\n' });
    await expect(relockCallback(root, envs, snapshot, deps, 'run it again')()).rejects.toThrow(
      '@mlws/nx: uv lock --project staging failed (No solution found when resolving dependencies: Because …); staging/pyproject.toml, prod/pyproject.toml are restored, nothing changed: run it again',
    );
    expect(readFileSync(join(root, 'staging/pyproject.toml'), 'utf8')).toBe('old staging\n');
    expect(existsSync(join(root, 'prod/pyproject.toml'))).toBe(false);
    expect(readFileSync(join(root, 'prod/uv.lock'), 'utf8')).toBe('old prod lock\n');
  });

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

  it('quotes only what a shell would split', () => {
    expect(formatCommand('uv', ['lock', '--project', 'envs/qa'])).toBe('uv lock --project envs/qa');
    expect(formatCommand('git', ['tag', 'a b'])).toBe("git tag 'a b'");
  });
});
