import { formatKey, formatKeyPath } from './format-key';
import { formatString } from './format-string';
import { formatValue } from './format-value';
import { read } from './__fixtures__/helpers';

describe('formatKey', () => {
  it.each([
    ['bench-utils', 'bench-utils'],
    ['model_qwen2_5', 'model_qwen2_5'],
    ['a.b', '"a.b"'],
    ['with space', '"with space"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['', '""'],
    ['é', '"é"'],
  ])('%j → %s', (key, expected) => expect(formatKey(key)).toBe(expected));

  it('joins a key path with dots', () => expect(formatKeyPath(['tool', 'uv', 'a.b'])).toBe('tool.uv."a.b"'));
});

describe('formatString', () => {
  it('escapes quotes, backslashes and control characters, keeps other text', () => {
    const s = 'q"uo\\te\n\ttab\r\u0001\u007f é 😀';
    const out = formatString(s);
    expect(out).toBe('"q\\"uo\\\\te\\n\\ttab\\r\\u0001\\u007F é 😀"');
    expect(read(`x = ${out}`).x).toBe(s);
  });
});

describe('formatValue', () => {
  it('writes scalars, arrays and inline tables on one line', () => {
    expect(formatValue('v0.1.2')).toBe('"v0.1.2"');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(-0)).toBe('-0.0');
    expect(formatValue(Infinity)).toBe('inf');
    expect(formatValue(NaN)).toBe('nan');
    expect(formatValue(true)).toBe('true');
    expect(formatValue([])).toBe('[]');
    expect(formatValue({})).toBe('{}');
    expect(formatValue({ git: 'https://x/y.git', tag: 'v1', subdirectory: '.' })).toBe(
      '{ git = "https://x/y.git", tag = "v1", subdirectory = "." }',
    );
    expect(formatValue([[{ extra: 'cu124' }, { extra: 'cu128' }]])).toBe(
      '[[{ extra = "cu124" }, { extra = "cu128" }]]',
    );
    expect(formatValue({ 'a.b': 1 })).toBe('{ "a.b" = 1 }');
  });

  it('follows a given style', () => {
    expect(formatValue([{ extra: 'cpu' }], { brace: '', eq: '=', sep: ',' })).toBe('[{extra="cpu"}]');
  });

  it('round-trips through smol-toml', () => {
    const value = { s: 'a\\b"c', n: -12, f: 1.25, b: false, a: [1, [2, 3]], t: { 'x y': { z: 'w' } } };
    expect(read(`v = ${formatValue(value)}`).v).toEqual(value);
  });
});
