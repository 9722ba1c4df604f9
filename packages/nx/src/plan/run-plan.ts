import { Command, showCommand } from './command';
import { execute, PlanContext } from './execute';
import { oneLineError } from './plan-error';
import type { Plan, Step } from './step';

/**
 * Runs a plan, printing each command before it runs. On a failure:
 * - before any irreversible step succeeded: undoes the failed step and every done step (newest
 *   first), restores the files written before the plan, and throws one line saying so;
 * - after a point of no return: throws one line with the exact commands that finish the job.
 */
export async function runPlan(plan: Plan, ctx: PlanContext): Promise<void> {
  const done: Step[] = [];
  for (const [i, step] of plan.steps.entries()) {
    ctx.log(`@mlws/nx: $ ${showCommand(step.command)}`);
    const r = await execute(step.command, ctx, step.environment);
    if (r.ok) {
      done.push(step);
      continue;
    }
    if (done.some((s) => s.irreversible)) {
      const rest = plan.steps.slice(i).map((s) => showCommand(s.command));
      throw oneLineError(`${r.line}; to finish, fix that and run: ${rest.join(' && ')}`);
    }
    return rollBack([step, ...done.reverse()], plan, r.line, ctx);
  }
  if (plan.done) ctx.log(`@mlws/nx: ${plan.done}`);
}

/**
 * The way back: the undo commands of `steps` (in that order), then the files restored whatever
 * happened to the undo; throws one line with the failure, and what was or was not put back.
 */
export async function rollBack(
  steps: readonly Step[],
  plan: Pick<Plan, 'restoreFiles' | 'rolledBack'>,
  failure: string,
  ctx: PlanContext,
): Promise<never> {
  const stopped = await runUndo(steps, ctx);
  // the files written before the plan go back in any case: they do not depend on the git state
  const unrestored: string[] = [];
  for (const f of plan.restoreFiles) if (!(await execute(f, ctx)).ok) unrestored.push(restoredPath(f));
  const files = unrestored.length ? `; could not restore ${unrestored.join(', ')} (see git status)` : '';
  if (stopped) throw oneLineError(`${failure}; ${stopped}${files}`);
  if (files) throw oneLineError(`${failure}; rolled back the git changes${files}`);
  throw oneLineError(`${failure}; ${plan.rolledBack ?? 'rolled back, the workspace is as it was'}`);
}

/**
 * Runs the undo commands of `steps` in that order (an undo marked mayFail may fail). Returns how
 * the undo stopped, with the commands that finish it, when one failed; undefined when all ran.
 */
export async function runUndo(steps: readonly Step[], ctx: PlanContext): Promise<string | undefined> {
  const undo = steps.flatMap((s) => s.undo ?? []);
  for (const [i, u] of undo.entries()) {
    ctx.log(`@mlws/nx: undo: $ ${showCommand(u)}`);
    const r = await execute(u, ctx);
    if (!r.ok && !(u.program === 'git' && u.mayFail)) {
      const rest = undo.slice(i).map((x) => showCommand(x));
      return `the rollback stopped at ${showCommand(u)} (${r.why}): finish it with: ${rest.join(' && ')}`;
    }
  }
  return undefined;
}

function restoredPath(c: Command): string {
  return c.program === 'restore' || c.program === 'rm' ? c.path : showCommand(c);
}
