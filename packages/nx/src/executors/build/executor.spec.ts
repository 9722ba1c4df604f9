import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, fakeDeps, workspace } from '../__testing__/fake-deps';
import buildExecutor from './executor';

describe('build executor', () => {
  const files = {
    'pyproject.toml': '[project]\nname = "ws"\n',
    'packages/model-a/pyproject.toml': '[project]\nname = "model-a"\n',
    'packages/model-a/dist/model_a-0.0.9-py3-none-any.whl': 'old',
    'packages/model-a/dist/notes.txt': 'mine',
    'packages/model-b/pyproject.toml': '[project]\nname = "model-b"\n',
    'dist/release/model-a/state.json': '{}',
    'dist/docker/prod.json': '{}',
    'dist/model_a-0.0.9.tar.gz': 'old',
    'dist/model_b-0.0.9.tar.gz': 'other package',
  };
  const ctx = (root: string) => {
    const c = context(root, 'model-a', 'packages/model-a');
    c.projectsConfigurations.projects['model-b'] = { root: 'packages/model-b' };
    c.projectsConfigurations.projects['dev'] = { root: '.' };
    return c;
  };

  it("cleans only this package's old wheel and sdist, never other files", async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    expect(await buildExecutor({ package: 'model-a' }, ctx(root), deps)).toEqual({ success: true });
    expect(readdirSync(join(root, 'packages/model-a/dist'))).toEqual(['notes.txt']);
    expect(calls[0].args.slice(0, 5)).toEqual(['build', '--package', 'model-a', '--out-dir', 'packages/model-a/dist']);
  });

  it('outputPath "dist" (a targetDefault) keeps release state, image records and other packages\' files', async () => {
    const root = workspace(files);
    const { deps } = fakeDeps(root);
    expect(await buildExecutor({ package: 'model-a', outputPath: 'dist' }, ctx(root), deps)).toEqual({ success: true });
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['docker', 'model_b-0.0.9.tar.gz', 'release']);
    expect(existsSync(join(root, 'dist/release/model-a/state.json'))).toBe(true);
  });

  it.each([
    ['.', 'outputPath "." is the workspace root'],
    ['..', 'outputPath ".." is outside the workspace'],
    ['../x', 'outputPath "../x" is outside the workspace'],
    ['packages/model-b', 'outputPath "packages/model-b" is the project root packages/model-b'],
    ['packages', 'outputPath "packages" holds the project root packages/model-a'],
  ])('refuses outputPath %j before uv runs, deleting nothing', async (outputPath, reason) => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    expect(await buildExecutor({ package: 'model-a', outputPath }, ctx(root), deps)).toEqual({ success: false });
    expect(calls).toEqual([]);
    expect(deps.lines).toEqual([
      `@mlws/nx: build refused: ${reason}, and nothing is deleted or written there: set outputPath to a directory of its own inside the workspace, e.g. "packages/model-a/dist" (the build cleans only this package's wheel and sdist there)`,
    ]);
    expect(existsSync(join(root, 'packages/model-a/dist/model_a-0.0.9-py3-none-any.whl'))).toBe(true);
  });

  it('refuses an outputPath that is a symlink out of the workspace or onto a project', async () => {
    const root = workspace(files);
    const outside = join(tmpdir(), `mlws-outside-${process.pid}`);
    mkdirSync(outside, { recursive: true });
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(root, 'packages'), join(root, 'pk'));
    const { deps, calls } = fakeDeps(root);
    expect(await buildExecutor({ package: 'model-a', outputPath: 'out' }, ctx(root), deps)).toEqual({ success: false });
    expect(deps.lines[0]).toMatch(
      /^@mlws\/nx: build refused: outputPath "out" resolves to .*, outside the workspace, and nothing is deleted/,
    );
    expect(await buildExecutor({ package: 'model-a', outputPath: 'pk' }, ctx(root), deps)).toEqual({ success: false });
    expect(deps.lines[1]).toMatch(
      /^@mlws\/nx: build refused: outputPath "pk" resolves to the project root packages\/model-a or one of its parents/,
    );
    expect(calls).toEqual([]);
  });
});
