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
  /**
   * Give up after this long: the child is killed (SIGTERM, then SIGKILL) and the result has
   * `timedOut`. The wait is bounded even when the child cannot die (a process stuck in a driver).
   */
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  startError?: string;
  /** Set when it ran longer than `timeoutMs`. */
  timedOut?: boolean;
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
  const child = execa(file, [...args], {
    cwd: options.cwd,
    env,
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    stdout: stream ? ['pipe', 'inherit'] : 'pipe',
    stderr: stream ? ['pipe', 'inherit'] : 'pipe',
    ...(options.timeoutMs ? { timeout: options.timeoutMs, forceKillAfterDelay: 1000 } : {}),
  });
  let result: Awaited<typeof child>;
  const timeoutMs = options.timeoutMs;
  if (timeoutMs) {
    // a child in uninterruptible sleep survives SIGKILL: stop waiting for it a little after the kill
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), timeoutMs + 2000)));
    const first = await Promise.race([child, hung]);
    clearTimeout(guard);
    if (first === 'hung') {
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      return { exitCode: 124, stdout: '', stderr: '', timedOut: true, startError: 'timed out' };
    }
    result = first;
  } else {
    result = await child;
  }
  if (result.timedOut)
    return { exitCode: 124, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut: true };
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.exitCode === undefined) {
    const code = (result as { code?: string }).code;
    return { exitCode: code === 'ENOENT' ? 127 : 1, stdout, stderr, startError: code ?? result.shortMessage };
  }
  return { exitCode: result.exitCode, stdout, stderr };
};
