import { nxReleaseVersion, requirementForVersion } from './nx-release-rules';

describe('nxReleaseVersion', () => {
  const table: Array<[string | null, string, string, string]> = [
    ['0.1.3.dev0', 'patch', '', '0.1.3'],
    ['0.1.3', 'patch', '', '0.1.4'],
    ['0.1.3', 'minor', '', '0.2.0'],
    ['0.1.3', 'major', '', '1.0.0'],
    ['0.1.3.dev0', 'dev', '', '0.1.3.dev1'],
    ['0.1.3.dev0', 'prerelease', '', '0.1.3.dev1'],
    ['0.1.3', 'prerelease', '', '0.1.4.dev0'],
    ['0.1.3', 'prerelease', 'rc', '0.1.4rc0'],
    ['0.1.4rc0', 'prerelease', 'rc', '0.1.4rc1'],
    ['0.1.4.dev2', 'prerelease', 'beta', '0.1.4b0'],
    ['0.1.3', 'prepatch', '', '0.1.4.dev0'],
    ['0.1.3.dev0', 'prepatch', '', '0.1.4.dev0'],
    ['0.1.3', 'preminor', 'rc', '0.2.0rc0'],
    ['0.1.3', 'premajor', '', '1.0.0.dev0'],
    ['0.1.3.dev1', 'stable', '', '0.1.3'],
    ['0.1.3', '0.2.0.dev0', '', '0.2.0.dev0'],
    ['0.1.3', 'v0.2.0', '', '0.2.0'],
    [null, '0.1.0.dev0', '', '0.1.0.dev0'],
    ['0.1.3', '1.0-RC.2', '', '1.0rc2'],
  ];
  it.each(table)('%s %s (preid "%s") → %s', (current, spec, preid, expected) => {
    expect(nxReleaseVersion(current, spec, preid)).toEqual({ ok: true, version: expected });
  });
  it('refuses what is neither a bump nor a version', () => {
    expect(nxReleaseVersion('0.1.3', 'banana')).toEqual({
      ok: false,
      message:
        '"banana" is neither a bump (major, minor, patch, premajor, preminor, prepatch, prerelease, dev, stable) nor a PEP 440 version',
    });
    expect(nxReleaseVersion(null, 'patch').ok).toBe(false);
  });
});

describe('requirementForVersion', () => {
  it.each([
    ['bench-utils>=0.1.2', '0.1.3', 'bench-utils>=0.1.3'],
    ['bench-utils >= 0.1.2', '0.1.3', 'bench-utils >=0.1.3'],
    ['bench-utils>=0.1.2,<0.2', '0.1.3.dev1', 'bench-utils>=0.1.3.dev1,<0.2'],
    ['bench-utils>=0.1.2,<0.2', '0.2.0', 'bench-utils>=0.2.0'],
    ['bench-utils==0.1.2', '0.1.3', 'bench-utils==0.1.3'],
    ['bench-utils~=0.1.2', '0.1.3', 'bench-utils~=0.1.3'],
    ['bench-utils<1.0', '0.1.3', 'bench-utils>=0.1.3,<1.0'],
    [
      'bench-utils[extra]>=0.1 ; python_version >= "3.10"',
      '0.1.3',
      'bench-utils[extra]>=0.1.3 ; python_version >= "3.10"',
    ],
    ['bench-utils>=0.1.2', '^0.1.3', 'bench-utils>=0.1.3'],
    ['bench-utils', '0.1.3', 'bench-utils'],
    [
      'model-interface @ git+https://github.com/o/model-interface.git@v0.1.2',
      '0.1.3',
      'model-interface @ git+https://github.com/o/model-interface.git@v0.1.2',
    ],
  ])('%s with %s → %s', (req, v, expected) => expect(requirementForVersion(req, v)).toBe(expected));
});
