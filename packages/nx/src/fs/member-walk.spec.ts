import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkMemberGlobs } from './member-walk';

describe('walkMemberGlobs (the one walk of the member checks)', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-walk-'));
    outside = mkdtempSync(join(tmpdir(), 'mlws-walk-out-'));
    for (const d of ['packages/a/src/a', 'packages/.venv/x', 'packages/node_modules/y', 'libs/deep/er', 'docs'])
      mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'packages/a/pyproject.toml'), '');
    writeFileSync(join(root, 'packages/file.txt'), '');
    mkdirSync(join(outside, 'pkg'));
    symlinkSync(outside, join(root, 'packages/link'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const byPath = (entries: ReturnType<typeof walkMemberGlobs>) => Object.fromEntries(entries.map((e) => [e.path, e]));

  it('visits only what the globs can match, never below their depth, and never node_modules', () => {
    const entries = byPath(walkMemberGlobs(root, ['packages/*']));
    expect(Object.keys(entries).sort()).toEqual([
      'packages',
      'packages/.venv',
      'packages/a',
      'packages/file.txt',
      'packages/link',
    ]);
    expect(entries['packages/a']).toMatchObject({ dir: true, symlink: false, viaSymlink: false, inSkipped: false });
    expect(entries['packages/file.txt'].dir).toBe(false);
    expect(entries['packages/.venv'].inSkipped).toBe(true);
  });

  it('flags symlinks (followed for the directory test) and what lies below them', () => {
    const entries = byPath(walkMemberGlobs(root, ['packages/**']));
    expect(entries['packages/link']).toMatchObject({ dir: true, symlink: true, viaSymlink: false });
    expect(entries['packages/link/pkg']).toMatchObject({ dir: true, symlink: false, viaSymlink: true });
    expect(entries['packages/.venv/x'].inSkipped).toBe(true);
    expect(entries['packages/a/src/a']).toBeDefined();
    expect(Object.keys(entries).some((p) => p.startsWith('libs') || p.startsWith('docs'))).toBe(false);
  });

  it('takes `./` prefixes and trailing slashes as uv does, and walks nothing without globs', () => {
    expect(walkMemberGlobs(root, ['./libs/*/']).map((e) => e.path)).toEqual(['libs', 'libs/deep']);
    expect(walkMemberGlobs(root, [])).toEqual([]);
  });
});
