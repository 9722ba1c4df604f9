import { detectTagPrefix, tagPrefixOf } from './tag-prefix';

describe('tagPrefixOf', () => {
  it.each([
    ['0.1.2', ''],
    ['0.1.2.dev3', ''],
    ['1.0rc1', ''],
    ['v0.1.2', 'v'],
    ['V1.0.0.post1', 'V'],
    ['v0.1.3.dev0', 'v'],
    ['release-1.2', 'release-'],
    ['pkg/v2.0', 'pkg/v'],
  ])('%s → %j', (tag, prefix) => expect(tagPrefixOf(tag)).toBe(prefix));

  it.each(['latest', 'docs', 'v', 'nightly-build', '1.0 beta'])('%s names no version', (tag) =>
    expect(tagPrefixOf(tag)).toBeUndefined(),
  );
});

describe('detectTagPrefix', () => {
  it('reads an unprefixed repository as unprefixed', () => {
    const d = detectTagPrefix(['0.1.0', '0.1.2', '0.1.2.dev3', 'latest'], []);
    expect(d.prefix).toBe('');
    expect(d.summary).toBe('unprefixed, from 3 tags/pins (0.1.0 … 0.1.2)');
  });

  it('reads v-prefixed tags as v', () => {
    expect(detectTagPrefix(['v0.1.0', 'v0.2.0'], []).prefix).toBe('v');
  });

  it('counts the environments’ pins when the package has no tags yet here', () => {
    expect(detectTagPrefix([], ['0.1.2.dev3']).prefix).toBe('');
    expect(detectTagPrefix([], ['v0.1.2']).prefix).toBe('v');
  });

  it('takes the majority when tags are mixed, and says so', () => {
    const d = detectTagPrefix(['0.1.0', '0.1.1', 'v0.1.2'], ['0.1.1']);
    expect(d.prefix).toBe('');
    expect(d.counts).toEqual([
      { prefix: '', count: 2 },
      { prefix: 'v', count: 1 },
    ]);
    expect(d.summary).toBe('mixed, unprefixed, from 2 tags/pins (0.1.0, 0.1.1) over 1 prefix "v"');
  });

  it('breaks a tie with the prefix of the highest version (the most recent convention)', () => {
    expect(detectTagPrefix(['0.1.9', 'v0.1.10'], []).prefix).toBe('v');
    expect(detectTagPrefix(['v0.1.9', '0.2.0'], []).prefix).toBe('');
  });

  it('has no answer without version tags or pins', () => {
    expect(detectTagPrefix(['latest'], []).prefix).toBeUndefined();
    expect(detectTagPrefix([], []).summary).toBe('no version tags or pins yet');
  });
});
