/**
 * The side effects a generator leaves for its callback, as data: what runs, how it is shown, how
 * it is undone. Plans are built by pure functions (tested with fixtures) and run by run-plan.ts.
 * Paths and working directories are workspace-relative POSIX paths (`.` is the workspace root).
 */
import { shellJoin, shellQuote } from '../../process/shell-quote';

export type Command =
  /** `mayFail`: as an undo, a failure is expected and harmless (e.g. a config section that is not there). */
  | { kind: 'git'; cwd: string; args: string[]; allowFileProtocol?: boolean; mayFail?: boolean }
  | { kind: 'uv'; cwd: string; args: string[] }
  /**
   * `rm -rf`; the path may be absolute (a git dir outside the work tree). It must lie strictly
   * inside `within` (default: the workspace root) after following symlinks, or the step fails.
   */
  | { kind: 'remove'; path: string; within?: string }
  | { kind: 'mkdir'; path: string }
  /** Put a file back as it was (undo of a tree write). `content: null` deletes it. */
  | { kind: 'restore'; path: string; content: string | null };

export interface Step {
  command: Command;
  /** Undoes this step (run in order when a later step fails and the plan rolls back). */
  undo?: Command[];
  /**
   * A point of no return once it succeeded (a push, a deleted git dir): a later failure stops
   * with the commands that finish the job instead of rolling back.
   */
  irreversible?: boolean;
  /**
   * Its own failure does not roll back what was done before it; the generator stops with the
   * commands that finish the job (e.g. `uv lock`: the package is there, the lock is not).
   */
  resumeOnFailure?: boolean;
}

export interface Plan {
  steps: Step[];
  /** Undo of the files Nx wrote from the tree, applied last on rollback. */
  restoreFiles: Command[];
  /** What is done once every step succeeded (shown as the last line). */
  done: string;
  /**
   * The command that undoes the whole plan once it stopped at a step that resumes (e.g. the move
   * back when the relock after a move fails), printed next to the commands that finish it.
   */
  wayBack?: string;
}

/** A command as a person would type it from the workspace root. */
export function commandLine(c: Command): string {
  switch (c.kind) {
    case 'git':
      return shellJoin([
        'git',
        ...(c.cwd === '.' ? [] : ['-C', c.cwd]),
        ...(c.allowFileProtocol ? ['-c', 'protocol.file.allow=always'] : []),
        ...c.args,
      ]);
    case 'uv':
      return shellJoin(['uv', ...(c.cwd === '.' ? [] : ['--directory', c.cwd]), ...c.args]);
    case 'remove':
      return shellJoin(['rm', '-rf', c.path]);
    case 'mkdir':
      return shellJoin(['mkdir', '-p', c.path]);
    case 'restore':
      return c.content === null ? shellJoin(['rm', '-f', c.path]) : `restore ${shellQuote(c.path)}`;
  }
}
