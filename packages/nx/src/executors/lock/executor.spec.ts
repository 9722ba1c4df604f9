import { context, fakeDeps, workspace } from '../__testing__/fake-deps';
import lockExecutor from './executor';

describe('lock executor', () => {
  const files = {
    'pyproject.toml': '[project]\nname = "ws"\n',
    'staging/pyproject.toml': '[project]\nname = "ws"\nrequires-python = ">=3.10"\n',
  };

  it('locks an environment with --project', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await lockExecutor(
      { environment: 'staging', environmentRoot: 'staging' },
      context(root, 'staging', 'staging'),
      deps,
    );
    expect(r.success).toBe(true);
    expect(calls).toEqual([{ args: ['lock', '--project', 'staging'], cwd: root }]);
  });

  it('says which lock is stale and the command that fixes it', async () => {
    const root = workspace(files);
    const { deps } = fakeDeps(root, () => ({
      exitCode: 1,
      stderr: 'error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.',
    }));
    const r = await lockExecutor(
      { environment: 'staging', environmentRoot: 'staging', check: true },
      context(root, 'staging', 'staging'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(deps.lines).toEqual([
      '@mlws/nx: staging/uv.lock is out of date with staging/pyproject.toml (the staging environment): run nx run staging:lock (or uv lock --project staging)',
    ]);
  });

  it('stops on Python version drift before uv runs', async () => {
    const root = workspace({ ...files, '.python-version': '3.9\n' });
    const { deps, calls } = fakeDeps(root);
    const r = await lockExecutor(
      { environment: 'staging', environmentRoot: 'staging' },
      context(root, 'staging', 'staging'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines[0]).toMatch(
      /^@mlws\/nx: \.python-version pins Python 3\.9, outside requires-python ">=3\.10" of staging\/pyproject\.toml/,
    );
  });

  it('names a missing environment pyproject', async () => {
    const root = workspace(files);
    const { deps } = fakeDeps(root);
    const r = await lockExecutor({ environment: 'qa', environmentRoot: 'qa' }, context(root, 'qa', 'qa'), deps);
    expect(r.success).toBe(false);
    expect(deps.lines[0]).toBe(
      '@mlws/nx: qa/pyproject.toml does not exist: the qa environment needs it (nx g @mlws/nx:environment qa)',
    );
  });
});
