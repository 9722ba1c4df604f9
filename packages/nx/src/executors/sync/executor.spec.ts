import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../process/run-process';
import { context, fakeDeps, workspace } from '../__testing__/fake-deps';
import syncExecutor from './executor';

const files = {
  'pyproject.toml': [
    '[project]',
    'name = "ws"',
    '[project.optional-dependencies]',
    'cpu = ["torch"]',
    'cu124 = ["torch"]',
    'cu128 = ["torch"]',
    'dev-tools = ["ruff"]',
    '[tool.uv.workspace]',
    'members = ["packages/*"]',
  ].join('\n'),
  'uv.lock': 'version = 1\n',
  'packages/a/pyproject.toml': '[project]\nname = "a"\n',
  'staging/pyproject.toml':
    '[project]\nname = "ws"\ndependencies = ["b"]\n[tool.uv.sources]\nb = { git = "https://x/b", tag = "v1" }\nc = { git = "https://x/c", tag = "v1" }\n',
  'staging/uv.lock': 'version = 1\n',
};

describe('sync executor', () => {
  it('syncs dev with the chosen backend extra and every member', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor(
      { environment: 'dev', environmentRoot: '.', backend: 'cu128' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(r.success).toBe(true);
    expect(calls.map((c) => c.args)).toEqual([['sync', '--all-packages', '--extra', 'cu128']]);
  });

  it('refuses to guess a backend and lists the declared ones', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor({ environment: 'dev', environmentRoot: '.' }, context(root, 'a', 'packages/a'), deps);
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines).toEqual([
      '@mlws/nx: no PyTorch backend chosen for the dev environment (pyproject.toml), which declares cpu, cu124, cu128: pass --backend <name>, set MLWS_TORCH_BACKEND, or set "defaultBackend" in the @mlws/nx plugin options in nx.json',
    ]);
  });

  it('takes MLWS_TORCH_BACKEND before the plugin default', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root, undefined, { MLWS_TORCH_BACKEND: 'cpu' });
    await syncExecutor(
      { environment: 'dev', environmentRoot: '.', defaultBackend: 'cu124' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(calls[0].args).toEqual(['sync', '--all-packages', '--extra', 'cpu']);
  });

  it('auto uses the CUDA version nvidia-smi reports', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    deps.process = async (file) =>
      file === 'nvidia-smi'
        ? { exitCode: 0, stdout: '| NVIDIA-SMI 550.54    Driver Version: 550.54    CUDA Version: 12.6 |', stderr: '' }
        : { exitCode: 127, stdout: '', stderr: '' };
    await syncExecutor(
      { environment: 'dev', environmentRoot: '.', backend: 'auto' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(calls[0].args).toEqual(['sync', '--all-packages', '--extra', 'cu124']);
    expect(deps.lines).toContain('@mlws/nx: backend auto: the driver supports CUDA 12.6, using cu124');
  });

  it('auto: an nvidia-smi that hangs (a wedged driver) is given up after MLWS_NVIDIA_SMI_TIMEOUT_MS with one line and the fix', async () => {
    const root = workspace({ ...files, 'bin/nvidia-smi': '#!/bin/sh\nexec sleep 60\n' });
    chmodSync(join(root, 'bin', 'nvidia-smi'), 0o755);
    const { deps, calls } = fakeDeps(root, undefined, {
      PATH: `${join(root, 'bin')}:${process.env.PATH}`,
      MLWS_NVIDIA_SMI_TIMEOUT_MS: '300',
    });
    deps.process = runProcess;
    const started = Date.now();
    const r = await syncExecutor(
      { environment: 'dev', environmentRoot: '.', backend: 'auto' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines).toEqual([
      '@mlws/nx: backend auto: nvidia-smi did not answer within 0.3 s (a hung NVIDIA driver?): choose the backend yourself with --backend <name> (e.g. --backend cpu) or MLWS_TORCH_BACKEND, and check the driver (nvidia-smi, dmesg)',
    ]);
  });

  it('auto finds nvidia-smi on PATH (a real process: a fake nvidia-smi script)', async () => {
    const root = workspace({
      ...files,
      'bin/nvidia-smi': '#!/bin/sh\necho "| NVIDIA-SMI 570.86    Driver Version: 570.86    CUDA Version: 12.8 |"\n',
    });
    chmodSync(join(root, 'bin', 'nvidia-smi'), 0o755);
    const { deps, calls } = fakeDeps(root, undefined, { PATH: `${join(root, 'bin')}:${process.env.PATH}` });
    deps.process = runProcess;
    await syncExecutor(
      { environment: 'dev', environmentRoot: '.', backend: 'auto' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(calls[0].args).toEqual(['sync', '--all-packages', '--extra', 'cu128']);
    expect(deps.lines).toContain('@mlws/nx: backend auto: the driver supports CUDA 12.8, using cu128');

    const noGpu = workspace(files);
    const none = fakeDeps(noGpu, undefined, { PATH: join(noGpu, 'empty-bin') });
    none.deps.process = runProcess;
    await syncExecutor(
      { environment: 'dev', environmentRoot: '.', backend: 'auto' },
      context(noGpu, 'a', 'packages/a'),
      none.deps,
    );
    expect(none.calls[0].args).toEqual(['sync', '--all-packages', '--extra', 'cpu']);
  });

  it('syncs staging from its lock, checked against the pyproject (--locked), once per environment state', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const opts = { environment: 'staging', environmentRoot: 'staging', package: 'b' };
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => syncExecutor(opts, context(root, 'b', 'packages/b'), deps)),
    );
    expect(results.every((r) => r.success)).toBe(true);
    expect(calls.map((c) => c.args)).toEqual([['sync', '--project', 'staging', '--locked']]);
    await syncExecutor({ ...opts, force: true }, context(root, 'b', 'packages/b'), deps);
    expect(calls).toHaveLength(2);
    await syncExecutor({ ...opts, frozen: true, force: true }, context(root, 'b', 'packages/b'), deps);
    expect(calls[2].args).toEqual(['sync', '--project', 'staging', '--frozen']);
  });

  it('a staging lock that no longer matches its pyproject is refused with the command that relocks it', async () => {
    const root = workspace(files);
    const stderr =
      'Resolved 3 packages in 5ms\nerror: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the lockfile, run `uv lock`.\n';
    const { deps } = fakeDeps(root, () => ({ exitCode: 2, stderr }));
    const r = await syncExecutor(
      { environment: 'staging', environmentRoot: 'staging', package: 'b' },
      context(root, 'b', 'packages/b'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(deps.lines[0]).toBe(
      '@mlws/nx: staging/uv.lock is out of date with staging/pyproject.toml: run nx run-many -t lock (or uv lock --project staging) and sync again',
    );
  });

  it('asks for the lock before a locked sync', async () => {
    const root = workspace({ ...files, 'staging/uv.lock': undefined as unknown as string });
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor(
      { environment: 'staging', environmentRoot: 'staging' },
      context(root, 'staging', 'staging'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines[0]).toBe(
      '@mlws/nx: staging/uv.lock does not exist, and the staging environment installs exactly from it: run nx run staging:lock first',
    );
  });

  it('refuses staging for a package staging does not pin', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor(
      { environment: 'staging', environmentRoot: 'staging', package: 'a' },
      context(root, 'a', 'packages/a'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines[0]).toBe(
      '@mlws/nx: a is not pinned in staging/pyproject.toml, so the staging environment cannot have it: pin a tag with nx g @mlws/nx:pin a --env staging --tag <tag>',
    );
  });

  it('refuses staging for a package staging pins in its sources but does not require (uv does not install it)', async () => {
    const root = workspace(files);
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor(
      { environment: 'staging', environmentRoot: 'staging', package: 'c' },
      context(root, 'c', 'packages/c'),
      deps,
    );
    expect(r.success).toBe(false);
    expect(calls).toEqual([]);
    expect(deps.lines).toEqual([
      '@mlws/nx: the staging environment does not install c: staging/pyproject.toml pins it in [tool.uv.sources] but no requirement of staging needs it (uv installs only what is required); add "c" to [project].dependencies of staging/pyproject.toml and run nx run staging:lock (nx g @mlws/nx:pin c --env staging --tag <tag> does both)',
    ]);
  });

  it('syncs staging for a package it installs as a requirement of a requirement (listed in its lock)', async () => {
    const root = workspace({
      ...files,
      'staging/uv.lock':
        'version = 1\n\n[[package]]\nname = "b"\nversion = "1"\n\n[[package]]\nname = "c"\nversion = "1"\n',
    });
    const { deps, calls } = fakeDeps(root);
    const r = await syncExecutor(
      { environment: 'staging', environmentRoot: 'staging', package: 'c' },
      context(root, 'c', 'packages/c'),
      deps,
    );
    expect(r.success).toBe(true);
    expect(calls.map((c) => c.args[0])).toEqual(['sync']);
  });
});
