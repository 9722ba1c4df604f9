import type { RunResult } from '../process/run-process';
import { diagnoseLockFailure } from '../uv/diagnosis-context';
import { uvErrorLine } from '../uv/diagnose-uv-error';
import { ProcessCommand, showCommand } from './command';

/** What the failure formatter needs besides the command and its result. */
export interface FailureContext {
  /** Absolute workspace root (a failed `uv lock` is diagnosed from the workspace's files). */
  root: string;
  /** The environment a `uv lock` relocks, named in the diagnosis' commands. */
  environment?: string;
  /** Show git's exit code (`failed (exit 1): …`), as the release does. */
  exitCode?: boolean;
}

/**
 * The one line that says why a command of a plan failed:
 * - uv: `uv lock … failed: <the cause and its fix>` when the lock target would diagnose it (the
 *   same diagnoseUvError), else `uv … failed (<uv's error line>)`;
 * - git: `git … failed: <git's line that says why>` (`failed (exit N): …` with `exitCode`).
 */
export function commandFailure(c: ProcessCommand, r: RunResult, ctx: FailureContext): Failure {
  const shown = showCommand(c);
  if (c.program === 'uv') {
    const hint =
      c.args[0] === 'lock' && c.cwd === '.' && !r.startError
        ? diagnoseLockFailure(ctx.root, c.args, r.stderr, ctx.environment)
        : undefined;
    if (hint) return { why: hint, line: `${shown} failed: ${hint}` };
    const why = uvErrorLine(r.stderr) || r.startError || `exit ${r.exitCode}`;
    return { why, line: `${shown} failed (${why})` };
  }
  const why = gitErrorLine(r.stderr, r.stdout) || r.startError || (ctx.exitCode ? 'no output' : `exit ${r.exitCode}`);
  return { why, line: ctx.exitCode ? `${shown} failed (exit ${r.exitCode}): ${why}` : `${shown} failed: ${why}` };
}

/** A failed command: why (one clause), and the line that says which command and why. */
export interface Failure {
  why: string;
  line: string;
}

/** The line of git's output that says why: a rejected ref, then error:/fatal:, then the first line. */
export function gitErrorLine(stderr: string, stdout = ''): string {
  const lines = `${stderr}\n${stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const rejected = lines.find((l) => /^!\s*\[(remote )?rejected\]/.test(l));
  const hook = lines.find(
    (l) => /^remote:\s*\S/.test(l) && !/^remote:\s*(Counting|Compressing|Total|Resolving|Enumerating)/.test(l),
  );
  if (rejected) return hook ? `${rejected} — ${hook}` : rejected;
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '';
}
