import { RunOptions, RunProcess, RunResult, runProcess } from '../process/run-process';

/**
 * git through the process module, with an argument array. Local remotes (file URLs and paths)
 * need `protocol.file.allow=always` on git ≥ 2.38 for submodule operations; it is passed only
 * for commands that name such a URL (`allowFileProtocol`), never globally.
 */
export interface GitClient {
  run(cwd: string, args: readonly string[], options?: GitRunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit becomes a GitError carrying the command and stderr. */
  must(cwd: string, args: readonly string[], options?: GitRunOptions): Promise<string>;
}

export interface GitRunOptions extends Partial<Omit<RunOptions, 'cwd'>> {
  allowFileProtocol?: boolean;
}

export class GitError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(
      `${command} failed (exit ${result.exitCode}): ${firstLine(result.stderr) || firstLine(result.stdout) || result.startError || 'no output'}`,
    );
  }
}

export function createGitClient(run: RunProcess = runProcess): GitClient {
  const client: GitClient = {
    run: (cwd, args, options = {}) => {
      const { allowFileProtocol, ...rest } = options;
      const argv = [...(allowFileProtocol ? ['-c', 'protocol.file.allow=always'] : []), ...args];
      // never hang on a credentials prompt: a missing credential is an error the user can act on
      return run('git', argv, { cwd, stream: false, ...rest, env: { GIT_TERMINAL_PROMPT: '0', ...(rest.env ?? {}) } });
    },
    must: async (cwd, args, options) => {
      const r = await client.run(cwd, args, options);
      if (r.exitCode !== 0) throw new GitError(`git ${args.join(' ')}`, r);
      return r.stdout;
    },
  };
  return client;
}

/** A URL or path that git reads through the file protocol. */
export function isLocalGitUrl(url: string): boolean {
  return url.startsWith('file:') || url.startsWith('/') || url.startsWith('./') || url.startsWith('../');
}

/** `git ls-remote --tags` output → tag names (peeled `^{}` lines folded). */
export function parseLsRemoteTags(output: string): string[] {
  const tags = new Set<string>();
  for (const line of output.split('\n')) {
    const m = /\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (m) tags.add(m[1]);
  }
  return [...tags];
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}
