import { gitFilePointsAt } from './submodule-directory';

describe('gitFilePointsAt', () => {
  it('matches the .git file of a submodule checkout, wherever it was moved', () => {
    expect(gitFilePointsAt('gitdir: ../../.git/modules/packages/model-interface\n', 'packages/model-interface')).toBe(
      true,
    );
    expect(
      gitFilePointsAt('gitdir: ../../../.git/modules/packages/model-interface\n', 'packages/model-interface'),
    ).toBe(true); // moved one level deeper: stale but recognisable
    expect(gitFilePointsAt('gitdir: /w/.git/modules/packages/model-interface', 'packages/model-interface')).toBe(true);
    expect(gitFilePointsAt('gitdir: .git/modules/mi', 'mi')).toBe(true);
  });

  it('does not match another submodule, a name that only ends alike, or no gitdir line', () => {
    expect(gitFilePointsAt('gitdir: ../../.git/modules/packages/bench-utils\n', 'packages/model-interface')).toBe(
      false,
    );
    expect(gitFilePointsAt('gitdir: ../../.git/modules/packages/old-model-interface\n', 'model-interface')).toBe(false);
    expect(gitFilePointsAt('ref: refs/heads/main\n', 'packages/model-interface')).toBe(false);
  });
});
