import { diagnoseUvError } from './diagnose-uv-error';

const dev = { pyprojectFile: 'pyproject.toml', isDev: true, uninitialisedSubmodules: ['packages/prompt-handler', 'packages/other'] };

describe('diagnoseUvError', () => {
  it('names the uninitialised submodule behind a workspace source', () => {
    const stderr = 'error: Failed to build `ml @ file:///w`\n  Caused by: `prompt-handler` references a workspace in `tool.uv.sources` (e.g., `prompt-handler = { workspace = true }`), but is not a workspace member';
    expect(diagnoseUvError(stderr, dev)).toBe('packages/prompt-handler is a submodule that is not initialised: run git submodule update --init packages/prompt-handler');
  });

  it('explains workspace sources inside a git-pinned package', () => {
    const stderr = '  Caused by: `bench-utils` references a workspace in `tool.uv.sources` (e.g., `bench-utils = { workspace = true }`), but is not a workspace member';
    expect(diagnoseUvError(stderr, { pyprojectFile: 'staging/pyproject.toml', isDev: false, uninitialisedSubmodules: [] })).toMatch(
      /^a package pinned by git in staging\/pyproject\.toml declares `bench-utils = \{ workspace = true \}` in its own pyproject/,
    );
  });

  it('suggests an override for conflicting URLs', () => {
    const stderr = 'error: Requirements contain conflicting URLs for package `model-interface` in all marker environments:\n- git+file:///r/mi@v0.1.2\n- git+file:///r/mi@v0.1.2.dev0';
    expect(diagnoseUvError(stderr, { pyprojectFile: 'staging/pyproject.toml', isDev: false, uninitialisedSubmodules: [] })).toContain(
      'add "model-interface" to [tool.uv] override-dependencies',
    );
  });

  it('stays quiet for other errors', () => {
    expect(diagnoseUvError('error: No solution found when resolving dependencies', dev)).toBeUndefined();
  });
});
