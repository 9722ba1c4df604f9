import { logger } from '@nx/devkit';
import { context, fakeDeps, workspace } from '../__testing__/fake-deps';
import testExecutor from './executor';

const files = {
  'pyproject.toml': '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  'packages/a/pyproject.toml': '[project]\nname = "a"\n',
};

describe('test executor', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it("runs the environment's pytest (python -m pytest, never a pytest found elsewhere on PATH) from the package directory", async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await testExecutor({ package: 'a', args: ['-k', 'fast'] }, context(root, 'a', 'packages/a'), deps);
    expect(r.success).toBe(true);
    expect(calls).toEqual([
      { args: ['run', '--package', 'a', '--', 'python', '-m', 'pytest', `--junitxml=${root}/reports/packages/a/junit.xml`, '-k', 'fast'], cwd: `${root}/packages/a` },
    ]);
  });

  it('says how to add pytest when the environment of the package has none', async () => {
    const root = workspace(files);
    const { deps } = fakeDeps(root, () => ({ exitCode: 1, stderr: `${root}/.venv/bin/python: No module named pytest\n` }));
    const r = await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), deps);
    expect(r.success).toBe(false);
    expect(errors).toEqual([
      "@mlws/nx: pytest is not installed in the workspace environment of a: add it to the package's dev group with uv add --package a --dev pytest",
    ]);
  });

  it('passes when pytest collected no tests (exit 5), and reports other failures with the uv command', async () => {
    const root = workspace(files);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect((await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), fakeDeps(root, () => ({ exitCode: 5 })).deps)).success).toBe(true);
    expect(warn).toHaveBeenCalledWith('@mlws/nx: pytest collected no tests in a: add tests under tests/');
    const failed = await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), fakeDeps(root, () => ({ exitCode: 1, stderr: 'FAILED tests/test_x.py::test_y' })).deps);
    expect(failed.success).toBe(false);
    expect(errors).toEqual([`@mlws/nx: pytest failed for a (exit code 1): uv run --package a -- python -m pytest --junitxml=${root}/reports/packages/a/junit.xml`]);
  });

  it('takes junitPath relative to the workspace root', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    await testExecutor({ package: 'a', junitPath: 'out/a.xml' }, context(root, 'a', 'packages/a'), deps);
    expect(calls[0].args).toContain(`--junitxml=${root}/out/a.xml`);
  });
});
