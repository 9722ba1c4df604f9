import type { RunProcess } from '../process/run-process';
import { findUv } from './uv-client';

const answering =
  (stdout: string, exitCode = 0, startError?: string): RunProcess =>
  async () => ({ exitCode, stdout, stderr: '', ...(startError ? { startError } : {}) });

describe('findUv', () => {
  it('uses UV from the environment and reports the version', async () => {
    const calls: string[] = [];
    const run: RunProcess = async (file, args) => {
      calls.push([file, ...args].join(' '));
      return { exitCode: 0, stdout: 'uv 0.13.8 (x 2026-10-01)\n', stderr: '' };
    };
    const r = await findUv(run, { UV: '/opt/uv/bin/uv' });
    expect(r.ok && r.uv.version).toBe('0.13.8');
    expect(calls).toEqual(['/opt/uv/bin/uv --version']);
  });

  it('explains a missing uv in one line with the install command', async () => {
    const r = await findUv(answering('', 127, 'ENOENT'), {});
    expect(r).toEqual({
      ok: false,
      message:
        'uv is not on PATH: install uv with python3 -m pip install -U uv (or: curl -LsSf https://astral.sh/uv/install.sh | sh), or set UV to its path',
    });
  });

  it('refuses an old uv', async () => {
    const r = await findUv(answering('uv 0.6.3\n'), {});
    expect(r.ok).toBe(false);
    expect(r).toEqual({
      ok: false,
      message:
        'uv 0.6.3 is older than 0.7.0, the oldest @mlws/nx supports: upgrade it with uv self update, python3 -m pip install -U uv, or curl -LsSf https://astral.sh/uv/install.sh | sh',
    });
  });
});
