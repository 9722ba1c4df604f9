import { context, fakeDeps, workspace } from '../__testing__/fake-deps';
import testExecutor from './executor';

const files = {
  'pyproject.toml': '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  'packages/a/pyproject.toml': '[project]\nname = "a"\n',
};

describe('test executor', () => {
  it("runs the dev environment's pytest (python -m pytest, never a pytest found elsewhere on PATH) from the package directory", async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await testExecutor({ package: 'a', args: ['-k', 'fast'] }, context(root, 'a', 'packages/a'), deps);
    expect(r.success).toBe(true);
    expect(calls).toEqual([
      {
        args: [
          'run',
          '--all-packages',
          '--locked',
          '--',
          'python',
          '-m',
          'pytest',
          `--junitxml=${root}/.mlws/reports/packages/a/junit.xml`,
          '-k',
          'fast',
        ],
        cwd: `${root}/packages/a`,
      },
    ]);
  });

  it('says how to add pytest when the environment of the package has none', async () => {
    const root = workspace(files);
    const { deps } = fakeDeps(root, () => ({
      exitCode: 1,
      stderr: `${root}/.venv/bin/python: No module named pytest\n`,
    }));
    const r = await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), deps);
    expect(r.success).toBe(false);
    expect(deps.lines).toEqual([
      "@mlws/nx: pytest is not installed in the dev environment: add it to a's dev group with uv add --package a --dev pytest",
    ]);
  });

  it('passes when pytest collected no tests (exit 5), and reports other failures with the uv command', async () => {
    const root = workspace(files);
    const noTests = fakeDeps(root, () => ({ exitCode: 5 })).deps;
    expect((await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), noTests)).success).toBe(true);
    // the line reaches the user through clients.log (Nx's logger)
    expect(noTests.lines).toContain('@mlws/nx: pytest collected no tests in a: add tests under tests/');
    const failing = fakeDeps(root, () => ({ exitCode: 1, stderr: 'FAILED tests/test_x.py::test_y' })).deps;
    const failed = await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), failing);
    expect(failed.success).toBe(false);
    expect(failing.lines).toEqual([
      `@mlws/nx: pytest failed for a (exit code 1): uv run --all-packages --locked -- python -m pytest --junitxml=${root}/.mlws/reports/packages/a/junit.xml`,
    ]);
  });

  it('takes junitPath relative to the workspace root', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    await testExecutor({ package: 'a', junitPath: 'out/a.xml' }, context(root, 'a', 'packages/a'), deps);
    expect(calls[0].args).toContain(`--junitxml=${root}/out/a.xml`);
  });

  describe('in a dev environment with PyTorch backends', () => {
    const withBackends = {
      ...files,
      'pyproject.toml': `${files['pyproject.toml']}[project.optional-dependencies]\ncpu = ["torch"]\ncu124 = ["torch"]\n`,
    };

    it("installs the chosen backend's extra, never torch from the default index", async () => {
      const root = workspace(withBackends);
      const { deps, calls } = fakeDeps(root, undefined, { MLWS_TORCH_BACKEND: 'cpu' });
      expect((await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), deps)).success).toBe(true);
      expect(calls[0].args.slice(0, 6)).toEqual(['run', '--all-packages', '--locked', '--extra', 'cpu', '--']);
      const cli = fakeDeps(root, undefined, { MLWS_TORCH_BACKEND: 'cpu' });
      await testExecutor({ package: 'a', backend: 'cu124' }, context(root, 'a', 'packages/a'), cli.deps);
      expect(cli.calls[0].args).toEqual(expect.arrayContaining(['--extra', 'cu124']));
    });

    it('refuses to run without a backend, naming the declared ones', async () => {
      const root = workspace(withBackends);
      const { deps, calls } = fakeDeps(root);
      expect((await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), deps)).success).toBe(false);
      expect(calls).toEqual([]);
      expect(deps.lines[0]).toMatch(
        /^@mlws\/nx: no PyTorch backend chosen for the dev environment \(pyproject\.toml\) that pytest of a runs in, which declares cpu, cu124: pass --backend <name>/,
      );
    });

    it('a stale dev lock is one line with the relock command', async () => {
      const root = workspace(withBackends);
      const stderr =
        'error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the lockfile, run `uv lock`.\n';
      const { deps } = fakeDeps(root, () => ({ exitCode: 2, stderr }), { MLWS_TORCH_BACKEND: 'cpu' });
      expect((await testExecutor({ package: 'a' }, context(root, 'a', 'packages/a'), deps)).success).toBe(false);
      expect(deps.lines[0]).toBe(
        "@mlws/nx: uv.lock is out of date with the workspace's pyprojects, and pytest runs exactly from it: run nx run dev:lock (or uv lock), then run pytest again",
      );
    });
  });
});
