import { CommandError, stdoutOrThrow } from '../process/command-error';
import { RunOptions, RunProcess, RunResult, runProcess } from '../process/run-process';

/**
 * git through the process module, with an argument array. Local remotes (file URLs and paths)
 * need `protocol.file.allow=always` on git ≥ 2.38 for submodule operations; it is passed only
 * for commands that name such a URL (`allowFileProtocol`), never globally.
 */
export interface GitClient {
  run(args: readonly string[], options: GitRunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit becomes a GitError carrying the command and stderr. */
  must(args: readonly string[], options: GitRunOptions): Promise<string>;
}

/** The call shape of every client (cwd, stream, env, input, timeoutMs); stream defaults to false for git. */
export interface GitRunOptions extends RunOptions {
  allowFileProtocol?: boolean;
}

export class GitError extends CommandError {}

export function createGitClient(run: RunProcess = runProcess): GitClient {
  const client: GitClient = {
    run: (args, options) => {
      const { allowFileProtocol, ...rest } = options;
      const argv = [...(allowFileProtocol ? ['-c', 'protocol.file.allow=always'] : []), ...args];
      // never hang on a credentials prompt: a missing credential is an error the user can act on
      return run('git', argv, { stream: false, ...rest, env: { GIT_TERMINAL_PROMPT: '0', ...(rest.env ?? {}) } });
    },
    must: (args, options) =>
      stdoutOrThrow(`git ${args.join(' ')}`, client.run(args, options), (c, r) => new GitError(c, r)),
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
