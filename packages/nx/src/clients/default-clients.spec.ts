import { logger } from '@nx/devkit';
import type { RunOptions, RunProcess } from '../process/run-process';
import { fakeClients, fakeDocker, fakeUv, type Call } from './__testing__/fake-clients';
import { defaultClients } from './default-clients';

/** A process that records every run (program, argv, options) and answers with `exitCode`/`stderr`. */
function recording(answer: { exitCode?: number; stdout?: string; stderr?: string } = {}) {
  const runs: Array<{ file: string; args: string[]; options: RunOptions }> = [];
  const run: RunProcess = async (file, args, options) => {
    runs.push({ file, args: [...args], options });
    return { exitCode: 0, stdout: '', stderr: '', ...answer };
  };
  return { runs, run };
}

describe('defaultClients', () => {
  it('starts nothing until a client is used, and finds uv only when asked (same one-line message as before)', async () => {
    const { runs, run } = recording({ exitCode: 127 });
    const clients = defaultClients(run, {});
    expect(runs).toEqual([]);
    expect(await clients.uv('/w')).toEqual({
      ok: false,
      message:
        'uv is not on PATH: install uv with python3 -m pip install -U uv (or: curl -LsSf https://astral.sh/uv/install.sh | sh), or set UV to its path',
    });
    expect(runs.map((r) => [r.file, ...r.args])).toEqual([['uv', '--version']]);
  });

  it('gives git, uv and docker one call shape: run(args, { cwd, … }) and must(args, opts)', async () => {
    const { runs, run } = recording({ stdout: 'uv 0.13.8\n' });
    const clients = defaultClients(run, { DOCKER: '/opt/docker' });
    const found = await clients.uv('/w');
    if (!found.ok) throw new Error(found.message);
    await found.uv.run(['lock'], { cwd: '/w', stream: false });
    await clients.git.run(['ls-remote', 'file:///r'], { cwd: '/w', allowFileProtocol: true, timeoutMs: 5 });
    await clients.docker.run(['build', '.'], { cwd: '/w' });
    await clients.docker.must(['image', 'inspect', 'x'], { cwd: '/w', stream: false });
    expect(runs.slice(1).map((r) => [r.file, ...r.args, r.options.cwd])).toEqual([
      ['uv', 'lock', '/w'],
      ['git', '-c', 'protocol.file.allow=always', 'ls-remote', 'file:///r', '/w'],
      ['/opt/docker', 'build', '.', '/w'],
      ['/opt/docker', 'image', 'inspect', 'x', '/w'],
    ]);
    // defaults kept per client: git quiet and never prompting, docker streaming with BuildKit
    expect(runs[2].options).toMatchObject({ stream: false, timeoutMs: 5, env: { GIT_TERMINAL_PROMPT: '0' } });
    expect(runs[3].options).toMatchObject({ stream: true, env: { DOCKER_BUILDKIT: '1' } });
    expect(runs[4].options).toMatchObject({ stream: false, env: { DOCKER_BUILDKIT: '1' } });
  });

  it("must throws the client's one-line error: the command, the exit code, the first line printed", async () => {
    const { run } = recording({
      exitCode: 2,
      stderr: '\nerror: No `project` table found in: `/w/pyproject.toml`\nmore\n',
    });
    const clients = defaultClients(run, {});
    const uv = await fakeUv([], () => ({ exitCode: 2, stderr: 'error: No `project` table found\n  cause: x\n' }))('/w');
    if (!uv.ok) throw new Error(uv.message);
    await expect(uv.uv.must(['lock'], { cwd: '/w' })).rejects.toThrow(
      'uv lock failed (exit 2): error: No `project` table found',
    );
    await expect(clients.docker.must(['pull', 'ml:dev'], { cwd: '/w' })).rejects.toThrow(
      'docker pull ml:dev failed (exit 2): error: No `project` table found in: `/w/pyproject.toml`',
    );
    await expect(clients.git.must(['status'], { cwd: '/w' })).rejects.toThrow(
      'git status failed (exit 2): error: No `project` table found in: `/w/pyproject.toml`',
    );
    const ok = fakeDocker(() => ({ stdout: 'sha256:1\n' }));
    expect(await ok.must(['image', 'inspect', 'x'], { cwd: '/w' })).toBe('sha256:1\n');
  });

  it('log prints one line through Nx, without the credentials of a URL', () => {
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      defaultClients(recording().run, {}).log('@mlws/nx: pushed to https://x:ghp_secret@github.com/o/r.git');
      expect(info).toHaveBeenCalledWith('@mlws/nx: pushed to https://github.com/o/r.git');
    } finally {
      info.mockRestore();
    }
  });

  it('error prints one line through Nx to stderr, without the credentials of a URL', () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      defaultClients(recording().run, {}).error('@mlws/nx: cannot reach https://x:ghp_secret@github.com/o/r.git');
      expect(error).toHaveBeenCalledWith('@mlws/nx: cannot reach https://github.com/o/r.git');
    } finally {
      error.mockRestore();
    }
  });
});

describe('fakeClients', () => {
  it('never reaches the machine by default: git finds no repository, docker and other programs are not installed', async () => {
    const calls: Call[] = [];
    const clients = fakeClients({ uv: fakeUv(calls) });
    expect((await clients.git.run(['status'], { cwd: '/w' })).exitCode).toBe(1);
    expect((await clients.docker.run(['ps'], { cwd: '/w' })).startError).toBe('ENOENT');
    expect((await clients.process('nvidia-smi', [], { cwd: '/w' })).exitCode).toBe(127);
    const uv = await clients.uv('/w');
    if (uv.ok) await uv.uv.run(['sync'], { cwd: '/w' });
    expect(calls).toEqual([{ cwd: '/w', args: ['sync'] }]);
    expect(() => clients.github({ apiUrl: 'https://api.github.com', token: 't' })).toThrow('no GitHub client');
    clients.log('a line');
    expect(clients.lines).toEqual(['a line']);
  });
});
