import { runProcess } from './run-process';

describe('runProcess (real processes)', () => {
  it('passes arguments as an array (no shell) and captures output and exit code', async () => {
    const r = await runProcess('sh', ['-c', 'printf "%s|" "$@"; echo err >&2; exit 3', 'sh', 'a b', '$(whoami)', ';ls'], {
      cwd: __dirname,
      stream: false,
    });
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
});
