import {
  commitSummary,
  nextDevCommitMessage,
  notesPrompt,
  parseLog,
  releaseCommitMessage,
  rootCommitMessage,
  tagMessage,
} from './notes';
import { unifiedDiff } from './unified-diff';

const commits = parseLog('b'.repeat(40) + '\x1fAdd timer()\x1e\n' + 'a'.repeat(40) + '\x1fFix the README\x1e\n');

describe('notes', () => {
  it('parses git log output (newest first)', () => {
    expect(commits).toEqual([
      { sha: 'b'.repeat(40), subject: 'Add timer()' },
      { sha: 'a'.repeat(40), subject: 'Fix the README' },
    ]);
    expect(parseLog('')).toEqual([]);
  });

  it('summarises the commits oldest first; says so when there are none', () => {
    expect(
      commitSummary({ distribution: 'bench-utils', version: '0.1.3', tag: 'v0.1.3', since: '0.1.2', commits }),
    ).toBe('Changes since 0.1.2:\n\n- Fix the README (aaaaaaa)\n- Add timer() (bbbbbbb)\n');
    expect(commitSummary({ distribution: 'x', version: '0.1.0', tag: 'v0.1.0', commits: [] })).toBe(
      'No commits in the history: this release only sets the version to 0.1.0.\n',
    );
    const versioning = parseLog(
      `${'c'.repeat(40)}\x1fOpen the 0.1.4 dev cycle of bench-utils (0.1.4.dev0)\x1e${'d'.repeat(40)}\x1fRelease bench-utils 0.1.3.dev1\x1e`,
    );
    expect(
      commitSummary({
        distribution: 'bench-utils',
        version: '0.1.4',
        tag: 'v0.1.4',
        since: 'v0.1.3',
        commits: versioning,
      }),
    ).toBe('No commits since v0.1.3 besides versioning: this release only sets the version to 0.1.4.\n');
    expect(
      commitSummary({
        distribution: 'bench-utils',
        version: '0.1.4',
        tag: 'v0.1.4',
        since: 'v0.1.3',
        commits: [...versioning, ...commits],
      }),
    ).toBe('Changes since v0.1.3:\n\n- Fix the README (aaaaaaa)\n- Add timer() (bbbbbbb)\n');
  });

  it('the prompt names the diff, the notes file and the command', () => {
    const p = notesPrompt({
      distribution: 'bench-utils',
      version: '0.1.3.dev1',
      tag: 'v0.1.3.dev1',
      since: 'v0.1.3.dev0',
      commits,
      diffFile: 'dist/release/bench-utils/changes.diff',
      notesFile: 'dist/release/bench-utils/notes.md',
      command: 'nx run bench-utils:release --bump dev --notes-file dist/release/bench-utils/notes.md',
      diffLines: 42,
    });
    expect(p).toContain(
      '# Release notes for bench-utils 0.1.3.dev1\n\nDraft the release notes of bench-utils 0.1.3.dev1 (a dev/pre-release, published as a GitHub pre-release), tag v0.1.3.dev1.',
    );
    expect(p).toContain('(42 lines) is dist/release/bench-utils/changes.diff.');
    expect(p).toContain('    nx run bench-utils:release --bump dev --notes-file dist/release/bench-utils/notes.md\n');
    expect(p).toContain('## Commits\n\n- aaaaaaa Fix the README\n- bbbbbbb Add timer()\n');
  });

  it('messages', () => {
    expect(releaseCommitMessage('bench-utils', '0.1.3', 'Notes.\n\n')).toBe('Release bench-utils 0.1.3\n\nNotes.\n');
    expect(tagMessage('bench-utils', '0.1.3', 'Notes.')).toBe('bench-utils 0.1.3\n\nNotes.\n');
    expect(nextDevCommitMessage('bench-utils', '0.1.4.dev0')).toBe(
      'Open the 0.1.4 dev cycle of bench-utils (0.1.4.dev0)\n',
    );
    expect(
      rootCommitMessage({
        distribution: 'bench-utils',
        version: '0.1.3',
        tag: 'v0.1.3',
        packageRoot: 'packages/bench-utils',
        pinned: ['staging', 'prod'],
        relocked: ['staging', 'prod'],
      }),
    ).toBe(
      'Release bench-utils 0.1.3: pin staging and prod to v0.1.3\n\n- packages/bench-utils: submodule at v0.1.3\n- staging: bench-utils pinned to v0.1.3\n- prod: bench-utils pinned to v0.1.3\n- relocked: staging, prod\n',
    );
    expect(
      rootCommitMessage({
        distribution: 'x',
        version: '1.0.0',
        tag: 'v1.0.0',
        packageRoot: 'packages/x',
        pinned: [],
        relocked: [],
      }),
    ).toBe('Release x 1.0.0: move packages/x to v1.0.0\n\n- packages/x: submodule at v1.0.0\n');
  });
});

describe('unifiedDiff', () => {
  const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  it('one changed line with three lines of context', () => {
    expect(unifiedDiff('f.toml', text, text.replace('line 10\n', 'line ten\n'))).toBe(
      [
        '--- a/f.toml',
        '+++ b/f.toml',
        '@@ -7,7 +7,7 @@',
        ' line 7',
        ' line 8',
        ' line 9',
        '-line 10',
        '+line ten',
        ' line 11',
        ' line 12',
        ' line 13',
      ].join('\n'),
    );
  });
  it('near changes share a hunk, far ones do not; additions and removals', () => {
    const after = text
      .replace('line 2\n', '')
      .replace('line 5\n', 'line 5\nline 5b\n')
      .replace('line 19\n', 'line nineteen\n');
    expect(unifiedDiff('f', text, after)).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -1,8 +1,8 @@',
        ' line 1',
        '-line 2',
        ' line 3',
        ' line 4',
        ' line 5',
        '+line 5b',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -16,5 +16,5 @@',
        ' line 16',
        ' line 17',
        ' line 18',
        '-line 19',
        '+line nineteen',
        ' line 20',
      ].join('\n'),
    );
  });
  it('equal texts give no diff; a new file diffs from nothing', () => {
    expect(unifiedDiff('f', text, text)).toBe('');
    expect(unifiedDiff('f', '', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a');
  });
});
