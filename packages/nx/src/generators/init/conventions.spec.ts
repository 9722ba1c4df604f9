import { tagReport } from './conventions';

describe('conventions init reads from the repository', () => {
  it('says it in one line, grouping the packages', () => {
    expect(
      tagReport([
        { name: 'a', tags: ['0.1.2'] },
        { name: 'b', tags: ['v1.0.0'] },
        { name: 'c', tags: ['0.2.0.dev1'] },
        { name: 'd', tags: [] },
        { name: 'e', tags: ['0.1.2', 'v0.1.3.dev0', 'v0.1.3'] },
      ]),
    ).toBe(
      'release tags found: unprefixed versions (1.2.3) in a, c; prefix "v" (v1.2.3) in b; no version tags in d; mixed prefixes ("v" ×2, unprefixed ×1) in e',
    );
    expect(tagReport([])).toBeUndefined();
  });
});
