import { tagPrefixOf, tagReport } from './conventions';

describe('conventions init reads from the repository', () => {
  it('finds the tag prefix the package uses, the most common one when they differ', () => {
    expect(tagPrefixOf(['0.1.2', '0.1.2.dev3', 'latest'])).toBe('');
    expect(tagPrefixOf(['v0.1.0', 'v0.1.3.dev1', '0.0.1'])).toBe('v');
    expect(tagPrefixOf(['bench-utils-1.0.0rc1', 'bench-utils-1.0.0'])).toBe('bench-utils-');
    expect(tagPrefixOf(['latest', 'release/x'])).toBeUndefined();
    expect(tagPrefixOf([])).toBeUndefined();
  });

  it('says it in one line, grouping the packages', () => {
    expect(
      tagReport([
        { name: 'a', tags: ['0.1.2'] },
        { name: 'b', tags: ['v1.0.0'] },
        { name: 'c', tags: ['0.2.0.dev1'] },
        { name: 'd', tags: [] },
        { name: 'e', tags: ['0.1.2', 'v0.1.3.dev0', 'v0.1.3'] },
      ]),
    ).toBe('release tags found: unprefixed versions (1.2.3) in a, c; prefix "v" (v1.2.3) in b; no version tags in d; mixed prefixes (unprefixed ×1, "v" ×2) in e');
    expect(tagReport([])).toBeUndefined();
  });
});
