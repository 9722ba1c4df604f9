import { parseRequirement } from './requirement';

describe('parseRequirement', () => {
  it('reads a plain name', () => {
    expect(parseRequirement('bench-utils')).toEqual({
      name: 'bench-utils',
      normalizedName: 'bench-utils',
      extras: [],
      url: undefined,
      specifier: undefined,
      marker: undefined,
    });
  });

  it('reads specifier, extras and marker', () => {
    expect(parseRequirement('Model_Interface[cuda, dev] >=0.1.2,<0.2 ; python_version >= "3.10"')).toMatchObject({
      normalizedName: 'model-interface',
      extras: ['cuda', 'dev'],
      specifier: '>=0.1.2,<0.2',
      marker: 'python_version >= "3.10"',
    });
  });

  it('reads a direct reference', () => {
    expect(
      parseRequirement(
        'model-interface @ git+https://github.com/Org/model-interface.git@0.1.2 ; sys_platform == "linux"',
      ),
    ).toMatchObject({
      normalizedName: 'model-interface',
      url: 'git+https://github.com/Org/model-interface.git@0.1.2',
      marker: 'sys_platform == "linux"',
    });
  });

  it('reads a parenthesised specifier', () => {
    expect(parseRequirement('torch (>=2.4)')?.specifier).toBe('>=2.4');
  });

  it.each(['', '   ', '-bad', '@ http://x'])('returns undefined for %j', (text) => {
    expect(parseRequirement(text)).toBeUndefined();
  });
});
