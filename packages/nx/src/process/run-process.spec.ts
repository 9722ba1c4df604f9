import { runProcess } from './run-process';

describe('runProcess (real processes)', () => {
  it('passes arguments as an array (no shell) and captures output and exit code', async () => {
    const r = await runProcess(
      'sh',
      ['-c', 'printf "%s|" "$@"; echo err >&2; exit 3', 'sh', 'a b', '$(whoami)', ';ls'],
      {
        cwd: __dirname,
        stream: false,
      },
    );
    expect(r).toEqual({ exitCode: 3, stdout: 'a b|$(whoami)|;ls|', stderr: 'err\n' });
  });

  it('reports a program that does not exist', async () => {
    const r = await runProcess('mlws-no-such-program', [], { cwd: __dirname, stream: false });
    expect(r.exitCode).toBe(127);
    expect(r.startError).toBe('ENOENT');
  });

  it('adds and removes environment variables', async () => {
    process.env.MLWS_TEST_REMOVE = 'x';
    const r = await runProcess('sh', ['-c', 'echo "${MLWS_TEST_ADD}-${MLWS_TEST_REMOVE:-gone}"'], {
      cwd: __dirname,
      env: { MLWS_TEST_ADD: 'added', MLWS_TEST_REMOVE: undefined },
      stream: false,
    });
    expect(r.stdout).toBe('added-gone\n');
  });

  it('gives up on a process that runs past timeoutMs, in bounded time', async () => {
    const started = Date.now();
    const r = await runProcess('sh', ['-c', 'echo started; exec sleep 30'], {
      cwd: __dirname,
      stream: false,
      timeoutMs: 300,
    });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(124);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a process that ignores SIGTERM is still given up (SIGKILL, then the wait ends)', async () => {
    const started = Date.now();
    const r = await runProcess('sh', ['-c', 'trap "" TERM; exec sleep 30'], {
      cwd: __dirname,
      stream: false,
      timeoutMs: 300,
    });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('a process that ends in time is not affected by timeoutMs', async () => {
    expect(await runProcess('sh', ['-c', 'echo ok'], { cwd: __dirname, stream: false, timeoutMs: 5000 })).toEqual({
      exitCode: 0,
      stdout: 'ok\n',
      stderr: '',
    });
  });
});
