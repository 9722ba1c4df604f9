import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containmentProblem, holds, membersLeavingWorkspace, realPathOf, removeContained } from './contained';

describe('contained paths on the file system', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'mlws-contained-')));
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'mlws-outside-')));
    writeFileSync(join(outside, 'keep.txt'), 'keep');
    mkdirSync(join(root, 'packages', 'a'), { recursive: true });
    symlinkSync(outside, join(root, 'out'));
  });

  it('resolves paths that do not exist yet through their existing ancestors', () => {
    expect(realPathOf(join(root, 'out', 'new', 'dir'))).toBe(join(outside, 'new', 'dir'));
    expect(realPathOf(join(root, 'packages', 'b'))).toBe(join(root, 'packages', 'b'));
  });

  it('says why a path is not strictly inside', () => {
    expect(containmentProblem(join(root, 'packages', 'a'), root, 'the workspace')).toBeUndefined();
    expect(containmentProblem(root, root, 'the workspace')).toBe('is the workspace itself');
    expect(containmentProblem(join(root, '..'), root, 'the workspace')).toMatch(
      /^resolves to .*, outside the workspace$/,
    );
    expect(containmentProblem(join(root, 'out', 'x'), root, 'the workspace')).toBe(
      `resolves to ${join(outside, 'x')}, outside the workspace`,
    );
    expect(holds(join(root, 'packages'), join(root, 'packages', 'a'))).toBe(true);
    expect(holds(join(root, 'packages', 'a', 'dist'), join(root, 'packages', 'a'))).toBe(false);
  });

  it('removes only inside, and a symlink itself, never what it points at', () => {
    expect(() => removeContained(join(root, 'out', 'keep.txt'), root, 'the workspace')).toThrow(
      /^refused to delete .*: it resolves to .*keep\.txt, outside the workspace$/,
    );
    expect(() => removeContained(root, root, 'the workspace')).toThrow('it is the workspace itself');
    symlinkSync(outside, join(root, 'packages', 'link'));
    removeContained(join(root, 'packages', 'link'), join(root, 'packages'), 'packages');
    expect(existsSync(join(root, 'packages', 'link'))).toBe(false);
    expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
    removeContained(join(root, 'packages', 'a'), root, 'the workspace');
    expect(existsSync(join(root, 'packages', 'a'))).toBe(false);
  });

  it('finds member symlinks that leave the workspace (not those inside it, not excluded ones)', () => {
    symlinkSync(outside, join(root, 'packages', 'evil'));
    symlinkSync(outside, join(root, 'packages', 'skipped'));
    symlinkSync(join(root, 'packages', 'a'), join(root, 'packages', 'alias'));
    expect(membersLeavingWorkspace(root, ['packages/*'], ['packages/skipped'])).toEqual(['packages/evil']);
    expect(membersLeavingWorkspace(root, ['libs/*'], [])).toEqual([]);
  });
});
