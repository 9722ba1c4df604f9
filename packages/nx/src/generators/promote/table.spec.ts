import { formatTable } from './table';

describe('formatTable', () => {
  it('pads columns and leaves the last one ragged', () => {
    expect(
      formatTable(
        ['package', 'tag'],
        [
          ['bench-utils', 'v1'],
          ['a', 'v0.1.3.dev0'],
        ],
      ),
    ).toEqual(['package      tag', '-----------  -----------', 'bench-utils  v1', 'a            v0.1.3.dev0']);
  });
});
