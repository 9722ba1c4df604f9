import { isValidDistributionName, moduleNameOf, normalizeDistributionName } from './names';

describe('distribution names', () => {
  it.each([
    ['model-qwen2_5-vl', 'model-qwen2-5-vl'],
    ['Model_Qwen2.5-VL', 'model-qwen2-5-vl'],
    ['bench__utils', 'bench-utils'],
    ['a.-_b', 'a-b'],
    ['torch', 'torch'],
  ])('normalises %s to %s (PEP 503)', (raw, normalised) => {
    expect(normalizeDistributionName(raw)).toBe(normalised);
  });

  it.each(['bench-utils', 'a', 'A1', 'model_qwen2.5-vl'])('accepts %s', (name) => {
    expect(isValidDistributionName(name)).toBe(true);
  });

  it.each(['', '-a', 'a-', 'a b', '../x', 'a/b', 'ümlaut', '.hidden'])('rejects %j', (name) => {
    expect(isValidDistributionName(name)).toBe(false);
  });

  it('derives the import name', () => {
    expect(moduleNameOf('model-qwen2_5-vl')).toBe('model_qwen2_5_vl');
  });
});
