import { checkPackageDirectory } from './directory-rules';

describe('package directories', () => {
  it('accepts package directories inside the workspace made of safe parts', () => {
    expect(checkPackageDirectory('./packages/model_qwen2.5-vl/')).toEqual({
      ok: true,
      dir: 'packages/model_qwen2.5-vl',
    });
    expect(checkPackageDirectory('packages/../..')).toEqual({
      ok: false,
      reason: '"packages/../.." leaves the workspace',
    });
    expect(checkPackageDirectory('.')).toEqual({ ok: false, reason: '"." is the workspace root' });
    expect(checkPackageDirectory('packages/.git')).toEqual({
      ok: false,
      reason: '"packages/.git" has the part ".git"; use letters, digits, ".", "_" and "-" (not first)',
    });
    expect(checkPackageDirectory('packages/-x').ok).toBe(false);
    expect(checkPackageDirectory('packages/a b').ok).toBe(false);
    expect(checkPackageDirectory(`packages/${'a'.repeat(300)}`)).toEqual({
      ok: false,
      reason: 'has a part of 300 bytes; file systems take at most 255',
    });
  });
});
