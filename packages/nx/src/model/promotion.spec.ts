import { choosePromotion, PromotionInput } from './promotion';

const base: PromotionInput = {
  name: 'bench-utils',
  fromTag: 'v0.1.3.dev0',
  remoteTags: ['0.1.2', 'v0.1.3.dev0'],
  tagPrefix: 'v',
};

describe('choosePromotion', () => {
  it.each<[string, Partial<PromotionInput>, ReturnType<typeof choosePromotion>]>([
    ['no stable tag yet', {}, { action: 'keep', note: 'no stable 0.1.3 tag yet' }],
    [
      'the final release without the prefix',
      { remoteTags: ['0.1.2', 'v0.1.3.dev0', '0.1.3'], toTag: '0.1.2' },
      { action: 'pin', tag: '0.1.3', note: 'final release of v0.1.3.dev0' },
    ],
    [
      'the staging tag style wins when both spellings exist',
      { remoteTags: ['v0.1.3.dev0', '0.1.3', 'v0.1.3'] },
      { action: 'pin', tag: 'v0.1.3', note: 'final release of v0.1.3.dev0' },
    ],
    [
      'a dev tag without the prefix',
      { fromTag: '0.1.3.dev2', remoteTags: ['0.1.3.dev2', 'v0.1.3', '0.1.3'] },
      { action: 'pin', tag: '0.1.3', note: 'final release of 0.1.3.dev2' },
    ],
    [
      'an rc promotes the same way',
      { fromTag: 'v1.0.0rc1', remoteTags: ['v1.0.0rc1', 'v1.0.0'] },
      { action: 'pin', tag: 'v1.0.0', note: 'final release of v1.0.0rc1' },
    ],
    [
      'a stable staging tag promotes as it is',
      { fromTag: 'v0.1.2', remoteTags: ['v0.1.2'], toTag: 'v0.1.1' },
      { action: 'pin', tag: 'v0.1.2', note: 'stable tag' },
    ],
    [
      'prod already there',
      { remoteTags: ['v0.1.3.dev0', 'v0.1.3'], toTag: 'v0.1.3' },
      { action: 'keep', note: 'up to date' },
    ],
    [
      'prod there, other spelling',
      { remoteTags: ['v0.1.3.dev0', 'v0.1.3', '0.1.3'], toTag: '0.1.3' },
      { action: 'keep', note: 'up to date' },
    ],
    [
      'prod never moves back',
      { remoteTags: ['v0.1.3.dev0', 'v0.1.3'], toTag: 'v0.2.0' },
      { action: 'keep', note: 'already newer (v0.2.0)' },
    ],
    [
      'a staging tag that was never pushed',
      { fromTag: 'v0.1.4.dev0' },
      { action: 'keep', note: 'v0.1.4.dev0 is not on the remote (was it ever pushed?)' },
    ],
    [
      'not a version',
      { fromTag: 'nightly', remoteTags: ['nightly'] },
      { action: 'keep', note: 'nightly is not a PEP 440 version tag' },
    ],
    ['pinned by rev', { fromTag: undefined }, { action: 'keep', note: 'pinned by rev/branch, not by a tag' }],
    [
      'a dev release of a post release promotes to that post release',
      { fromTag: 'v0.1.2.post1.dev0', remoteTags: ['v0.1.2.post1.dev0', 'v0.1.2', 'v0.1.2.post1'] },
      { action: 'pin', tag: 'v0.1.2.post1', note: 'final release of v0.1.2.post1.dev0' },
    ],
    [
      'a custom prefix',
      { fromTag: 'release-0.1.3.dev0', remoteTags: ['release-0.1.3.dev0', 'release-0.1.3'], tagPrefix: 'release-' },
      { action: 'pin', tag: 'release-0.1.3', note: 'final release of release-0.1.3.dev0' },
    ],
  ])('%s', (_title, change, expected) => {
    expect(choosePromotion({ ...base, ...change })).toEqual(expected);
  });
});
