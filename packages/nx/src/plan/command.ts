import { shellJoin, shellQuote } from '../process/shell-quote';

/**
 * The one command type of the plan engine: a program, its argument array and where it runs, as
 * data. Plans are built by pure functions, printed with showCommand (so what is shown is what
 * runs) and executed by execute.ts. Paths and working directories are workspace-relative POSIX
 * paths (`.` is the workspace root).
 */
export interface ProcessCommand {
  program: 'git' | 'uv';
  cwd: string;
  args: string[];
  /** git only: `-c protocol.file.allow=always`, for a command that names a local (file) remote. */
  allowFileProtocol?: boolean;
  /** As an undo, a failure is expected and harmless (e.g. a config section that is not there). */
  mayFail?: boolean;
}

/** Changes to files the plan makes itself (no process). */
export type FileCommand =
  /**
   * `rm -rf`; the path may be absolute (a git dir outside the work tree). It must lie strictly
   * inside `within` (default: the workspace root) after following symlinks, or the step fails.
   */
  | { program: 'rm'; path: string; within?: string }
  | { program: 'mkdir'; path: string }
  /** Put a file back as it was (the undo of a write). `content: null` deletes it. */
  | { program: 'restore'; path: string; content: string | null };

export type Command = ProcessCommand | FileCommand;

export const git = (cwd: string, args: string[], extra: Partial<ProcessCommand> = {}): ProcessCommand => ({
  program: 'git',
  cwd,
  args,
  ...extra,
});

export const uv = (args: string[], cwd = '.'): ProcessCommand => ({ program: 'uv', cwd, args });

export const isProcess = (c: Command): c is ProcessCommand => c.program === 'git' || c.program === 'uv';

/** A command as a person would type it from the workspace root (`git -C packages/x commit …`). */
export function showCommand(c: Command): string {
  switch (c.program) {
    case 'git':
      return shellJoin([
        'git',
        ...(c.cwd === '.' ? [] : ['-C', c.cwd]),
        ...(c.allowFileProtocol ? ['-c', 'protocol.file.allow=always'] : []),
        ...c.args,
      ]);
    case 'uv':
      return shellJoin(['uv', ...(c.cwd === '.' ? [] : ['--directory', c.cwd]), ...c.args]);
    case 'rm':
      return shellJoin(['rm', '-rf', c.path]);
    case 'mkdir':
      return shellJoin(['mkdir', '-p', c.path]);
    case 'restore':
      return c.content === null ? shellJoin(['rm', '-f', c.path]) : `restore ${shellQuote(c.path)}`;
  }
}
