import { isAtLeast, parseUvVersion } from './uv-version';

describe('uv version', () => {
  it('parses uv --version', () => {
    expect(parseUvVersion('uv 0.13.8 (f00 2026-10-01)\n')).toBe('0.13.8');
    expect(parseUvVersion('uv 0.7.0')).toBe('0.7.0');
    expect(parseUvVersion('pip 24.0')).toBeUndefined();
  });
  it.each([
    ['0.13.8', '0.7.0', true],
    ['0.7.0', '0.7.0', true],
    ['0.6.17', '0.7.0', false],
    ['1.0.0', '0.7.0', true],
  ])('%s >= %s is %s', (v, m, r) => expect(isAtLeast(v, m)).toBe(r));
});
