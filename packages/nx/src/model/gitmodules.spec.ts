import { parseGitmodules } from './gitmodules';

describe('parseGitmodules', () => {
  it('reads sections, quoted values, comments and branches', () => {
    const text = [
      '# submodules of the root',
      '[submodule "packages/bench-utils"]',
      '\tpath = packages/bench-utils',
      '\turl = https://github.com/Org/bench-utils.git',
      '[submodule "model qwen"]',
      '  path = "packages/model_qwen2.5-vl/"',
      '  url = git@github.com:Org/model-qwen2-5-vl.git ; the ssh form',
      '  branch = main',
      '[submodule "broken"]',
      '  path = packages/broken',
      '',
    ].join('\r\n');
    expect(parseGitmodules(text)).toEqual([
      { name: 'packages/bench-utils', path: 'packages/bench-utils', url: 'https://github.com/Org/bench-utils.git' },
      {
        name: 'model qwen',
        path: 'packages/model_qwen2.5-vl',
        url: 'git@github.com:Org/model-qwen2-5-vl.git',
        branch: 'main',
      },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseGitmodules('')).toEqual([]);
  });
});
