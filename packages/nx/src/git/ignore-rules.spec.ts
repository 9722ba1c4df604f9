import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitClient } from './git-client';
import { hidingRules, parseCheckIgnore, trackedPathsMatching } from './ignore-rules';

const env = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

describe('ignore rules through git', () => {
  let dir: string;
  const git = createGitClient();
  const must = (args: string[]) => git.must(args, { cwd: dir, env });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlws-ignore-'));
    await must(['init', '--quiet']);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses check-ignore -v -z records (patterns with colons and tabs intact)', () => {
    expect(
      parseCheckIgnore(
        '.gitignore\u000012\u0000packages/*/*\u0000packages/a/pyproject.toml\u0000.git/info/exclude\u00001\u0000a:b\u0000x y\u0000',
      ),
    ).toEqual([
      { source: '.gitignore', line: 12, pattern: 'packages/*/*', path: 'packages/a/pyproject.toml' },
      { source: '.git/info/exclude', line: 1, pattern: 'a:b', path: 'x y' },
    ]);
  });

  it('names the rule of each hidden path, from .gitignore, a nested .gitignore or .git/info/exclude', async () => {
    mkdirSync(join(dir, 'packages/a/src'), { recursive: true });
    mkdirSync(join(dir, 'libs/b'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '# packages are submodules\npackages/*/*\n!packages/*/.gitignore\n');
    writeFileSync(join(dir, 'libs/.gitignore'), '*/*\n');
    writeFileSync(join(dir, '.git/info/exclude'), 'tools/*/src/\n');
    mkdirSync(join(dir, 'tools/c/src'), { recursive: true });
    // a path a negation re-includes is not hidden (check-ignore -v prints it with the negation)
    const hits = await hidingRules(git, dir, [
      'packages/a/pyproject.toml',
      'packages/a/.gitignore',
      'packages/a/src',
      'libs/b/pyproject.toml',
      'tools/c/src',
      'tools/c/pyproject.toml',
      'README.md',
    ]);
    expect(hits).toEqual([
      { source: '.gitignore', line: 2, pattern: 'packages/*/*', path: 'packages/a/pyproject.toml' },
      { source: '.gitignore', line: 2, pattern: 'packages/*/*', path: 'packages/a/src' },
      { source: 'libs/.gitignore', line: 1, pattern: '*/*', path: 'libs/b/pyproject.toml' },
      { source: '.git/info/exclude', line: 1, pattern: 'tools/*/src/', path: 'tools/c/src' },
    ]);
  });

  it('finds the tracked files an ignore line would match, and nothing outside a repository', async () => {
    mkdirSync(join(dir, 'reports/2024'), { recursive: true });
    writeFileSync(join(dir, 'reports/2024/bench.md'), '# bench\n');
    await must(['add', '--', 'reports']);
    await must(['commit', '--quiet', '-m', 'reports']);
    expect(await trackedPathsMatching(git, dir, 'reports/')).toEqual(['reports/2024/bench.md']);
    expect(await trackedPathsMatching(git, dir, '.mlws/')).toEqual([]);
    const outside = mkdtempSync(join(tmpdir(), 'mlws-norepo-'));
    try {
      expect(await trackedPathsMatching(git, outside, 'reports/')).toEqual([]);
      expect(await hidingRules(git, outside, ['x'])).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
