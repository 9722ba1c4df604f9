import { execFileSync } from 'node:child_process';
import { branchNameProblem, quoteRefName, refNameProblem, remoteNameProblem, tagPrefixProblem } from './ref-name';

/** Bad names, one per rule of git-check-ref-format(1), and the reason given. */
const BAD: Array<[string, string]> = [
  ['', 'it is empty'],
  ['-d', 'it starts with "-" (git would read it as an option)'],
  ['--force', 'it starts with "-" (git would read it as an option)'],
  ['v..', 'it contains ".."'],
  ['v..1', 'it contains ".."'],
  ['v/../', 'it contains ".."'],
  ['release 1', 'it contains a space'],
  ['v@{', 'it contains "@{"'],
  ['v@{1}', 'it contains "@{"'],
  ['@', 'it is "@"'],
  ['v.lock', 'a part of it ends with ".lock" (v.lock)'],
  ['x.lock/y', 'a part of it ends with ".lock" (x.lock)'],
  ['v/', 'it ends with "/"'],
  ['/v', 'it starts with "/"'],
  ['a//b', 'it contains "//"'],
  ['v.', 'it ends with "."'],
  ['.v', 'a part of it starts with "." (.v)'],
  ['v/.x', 'a part of it starts with "." (.x)'],
  ['v\x01', 'it contains the control character \\x01'],
  ['v\n1', 'it contains the control character \\x0a'],
  ['v\x7f', 'it contains the control character \\x7f'],
  ['v\t', 'it contains the control character \\x09'],
  ['v~1', 'it contains "~"'],
  ['v^1', 'it contains "^"'],
  ['v:1', 'it contains ":"'],
  ['v?', 'it contains "?"'],
  ['v*', 'it contains "*"'],
  ['v[1', 'it contains "["'],
  ['v\\1', 'it contains "\\"'],
];

const GOOD = [
  'v',
  'v0.1.3',
  'release-',
  'pkg/v',
  'bench-utils/v1.0',
  'V_1+x',
  'ü1.0',
  'v1!2.0',
  'a.b/c-d',
  'v@1',
  '@v',
];

/** git's own verdict on refs/tags/<name> (the real rules, to keep the table honest). */
function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', `refs/tags/${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('refNameProblem', () => {
  it.each(BAD)('%j is refused: %s', (name, why) => expect(refNameProblem(name)).toBe(why));
  it.each(GOOD)('%j is accepted', (name) => expect(refNameProblem(name)).toBeUndefined());

  // stricter than git in two places: a leading "-" (git tag refuses it, refs/tags/ allows it) and a
  // tag named "@" (which revision syntax reads as HEAD)
  it('agrees with git check-ref-format on every name of the tables', () => {
    for (const [name] of BAD)
      if (name && !name.startsWith('-') && name !== '@') expect([name, gitAccepts(name)]).toEqual([name, false]);
    for (const name of GOOD) expect([name, gitAccepts(name)]).toEqual([name, true]);
  });
});

describe('tagPrefixProblem', () => {
  it('accepts the empty prefix (tags are bare versions) and ordinary ones', () => {
    for (const p of ['', 'v', 'release-', 'pkg/v', 'bench_utils-v']) expect(tagPrefixProblem(p)).toBeUndefined();
  });
  it.each(['-d', 'v..', 'v/../', 'release 1', 'v@{', 'v.lock', 'v/', 'v.', 'v\x01', '.v', 'v~', 'v:'])(
    'refuses %j',
    (p) => expect(tagPrefixProblem(p)).toBeDefined(),
  );
  it('keeps to the characters the pins and uv git URLs take, beyond git rules', () => {
    expect(tagPrefixProblem('@')).toBe('it is "@"');
    for (const [p, c] of [
      ['v@', '@'],
      ['v#', '#'],
      ['v$(id)', '$'],
      ['ü', 'ü'],
      ['v"', '"'],
      ["v'", "'"],
    ]) {
      expect(tagPrefixProblem(p)).toBe(
        `it contains "${c}", which the pins and uv's git URLs do not take (letters, digits, ".", "_", "+", "-", "/")`,
      );
    }
  });
});

describe('branch and remote names', () => {
  it('refuses HEAD as a branch, and what no ref may be', () => {
    expect(branchNameProblem('HEAD')).toBe('it is "HEAD"');
    expect(branchNameProblem('-f')).toContain('starts with "-"');
    expect(branchNameProblem('feature/x')).toBeUndefined();
  });
  it('refuses remotes that would be options or invalid below refs/remotes/', () => {
    expect(remoteNameProblem('-v')).toContain('starts with "-"');
    expect(remoteNameProblem('a b')).toBe('it contains a space');
    expect(remoteNameProblem('origin')).toBeUndefined();
    expect(remoteNameProblem('up/stream')).toBeUndefined();
  });
});

describe('quoteRefName', () => {
  it('shows control characters and quotes as escapes, on one line', () => {
    expect(quoteRefName('v\n1')).toBe('"v\\x0a1"');
    expect(quoteRefName('a"b\\')).toBe('"a\\"b\\\\"');
  });
});
