/**
 * The one module that starts processes. Always an argument array, never a shell string.
 * Output streams to the terminal as it comes (uv and docker progress) and is also captured.
 */
export interface RunOptions {
  cwd: string;
  /** Added to (not replacing) the current environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Stream output to this process's stdout/stderr while capturing it. Default true. */
  stream?: boolean;
  /** Text written to the child's stdin; otherwise stdin is closed. */
  input?: string;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  startError?: string;
}

export type RunProcess = (file: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;

export const runProcess: RunProcess = async (file, args, options) => {
  const { execa } = await import('execa');
  const stream = options.stream ?? true;
  const env = { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const result = await execa(file, [...args], {
    cwd: options.cwd,
    env,
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    stdout: stream ? ['pipe', 'inherit'] : 'pipe',
    stderr: stream ? ['pipe', 'inherit'] : 'pipe',
  });
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.exitCode === undefined) {
    const code = (result as { code?: string }).code;
    return { exitCode: code === 'ENOENT' ? 127 : 1, stdout, stderr, startError: code ?? result.shortMessage };
  }
  return { exitCode: result.exitCode, stdout, stderr };
};
