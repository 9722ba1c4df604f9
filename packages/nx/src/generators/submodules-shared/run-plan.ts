import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { containmentProblem, removeContained } from '../../fs/contained';
import { dirname, resolve } from 'node:path';
import { firstLine } from '../../model/text';
import { diagnoseLockFailure } from '../../uv/diagnosis-context';
import type { UvClient } from '../../uv/uv-client';
import type { Clients } from '../../clients/clients';
import { Command, commandLine, Plan, Step } from './steps';
import { userError } from './user-error';

export interface PlanContext {
  /** Absolute workspace root. */
  root: string;
  deps: Pick<Clients, 'git' | 'log'>;
  /** uv, when the plan has uv steps (found while validating). */
  uv?: UvClient;
}

type Outcome = { ok: true } | { ok: false; detail: string };

/**
 * Runs a plan in the generator's callback (after Nx wrote the tree). On a failure:
 * - before any irreversible step succeeded: undoes the failed step and every done step (newest
 *   first), restores the files Nx wrote, and throws one line saying so;
 * - after a point of no return, or when the failed step resumes instead of rolling back: throws
 *   one line with the exact commands that finish the job.
 */
export async function runPlan(plan: Plan, ctx: PlanContext): Promise<void> {
  const done: Step[] = [];
  for (const [i, step] of plan.steps.entries()) {
    ctx.deps.log(`@mlws/nx: $ ${commandLine(step.command)}`);
    const r = await execute(step.command, ctx);
    if (r.ok) {
      done.push(step);
      continue;
    }
    const failure = `${commandLine(step.command)} failed: ${r.detail}`;
    if (step.resumeOnFailure || done.some((s) => s.irreversible)) {
      const rest = plan.steps.slice(i).map((s) => commandLine(s.command));
      const back = plan.wayBack && !done.some((s) => s.irreversible) ? `; or undo it all with: ${plan.wayBack}` : '';
      throw userError(`${failure}; to finish, fix that and run: ${rest.join(' && ')}${back}`);
    }
    await rollBack([step, ...done.reverse()], plan.restoreFiles, failure, ctx);
  }
  ctx.deps.log(`@mlws/nx: ${plan.done}`);
}

async function rollBack(steps: Step[], restoreFiles: Command[], failure: string, ctx: PlanContext): Promise<never> {
  const undo = steps.flatMap((s) => s.undo ?? []);
  let stopped: string | undefined;
  for (const [i, u] of undo.entries()) {
    ctx.deps.log(`@mlws/nx: undo: $ ${commandLine(u)}`);
    const r = await execute(u, ctx);
    if (!r.ok && !(u.kind === 'git' && u.mayFail)) {
      const rest = undo.slice(i).map((x) => commandLine(x));
      stopped = `the rollback stopped at ${commandLine(u)} (${r.detail}): finish it with: ${rest.join(' && ')}`;
      break;
    }
  }
  // The files Nx wrote go back in any case: they do not depend on the git state.
  const unrestored: string[] = [];
  for (const f of restoreFiles)
    if (!(await execute(f, ctx)).ok)
      unrestored.push(f.kind === 'restore' || f.kind === 'remove' ? f.path : commandLine(f));
  const files = unrestored.length ? `; could not restore ${unrestored.join(', ')} (see git status)` : '';
  if (stopped) throw userError(`${failure}; ${stopped}${files}`);
  if (files) throw userError(`${failure}; rolled back the git changes${files}`);
  throw userError(`${failure}; rolled back, the workspace is as it was`);
}

async function execute(c: Command, ctx: PlanContext): Promise<Outcome> {
  const at = (p: string) => resolve(ctx.root, p);
  try {
    switch (c.kind) {
      case 'git': {
        const r = await ctx.deps.git.run(c.args, {
          cwd: at(c.cwd),
          allowFileProtocol: c.allowFileProtocol ?? false,
          env: { GIT_TERMINAL_PROMPT: '0' },
        });
        return r.exitCode === 0
          ? { ok: true }
          : { ok: false, detail: firstLine(r.stderr) || firstLine(r.stdout) || r.startError || `exit ${r.exitCode}` };
      }
      case 'uv': {
        if (!ctx.uv) return { ok: false, detail: 'uv was not found' };
        const r = await ctx.uv.run(c.args, { cwd: at(c.cwd), stream: true });
        if (r.exitCode === 0) return { ok: true };
        // a relock fails the way the lock target explains (diagnoseUvError), so it says the same
        const hint =
          c.args[0] === 'lock' && c.cwd === '.' && !r.startError
            ? diagnoseLockFailure(ctx.root, c.args, r.stderr)
            : undefined;
        return { ok: false, detail: hint || lastErrorLine(r.stderr) || r.startError || `exit ${r.exitCode}` };
      }
      case 'remove':
        removeContained(at(c.path), at(c.within ?? '.'), c.within ?? 'the workspace');
        return { ok: true };
      case 'mkdir':
        mustBeInWorkspace(at(c.path), ctx.root);
        mkdirSync(at(c.path), { recursive: true });
        return { ok: true };
      case 'restore':
        mustBeInWorkspace(at(c.path), ctx.root);
        if (c.content === null) rmSync(at(c.path), { force: true });
        else {
          mkdirSync(dirname(at(c.path)), { recursive: true });
          writeFileSync(at(c.path), c.content);
        }
        return { ok: true };
    }
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

/** Files and directories the plan writes (restores, mkdir) lie inside the workspace, symlinks followed. */
function mustBeInWorkspace(abs: string, root: string): void {
  const problem = containmentProblem(abs, root, 'the workspace');
  if (problem) throw new Error(`refused to write ${abs}: it ${problem}`);
}

/** uv prints `error: …` and then `cause: …` lines; the error line is the one that says what is wrong. */
function lastErrorLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^error:/.test(l)) ?? lines[lines.length - 1] ?? '';
}
