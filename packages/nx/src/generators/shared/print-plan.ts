import { showCommand } from '../../plan/command';
import type { Plan } from '../../plan/step';

/**
 * Prints what the callback will run, from the generator body, so `nx g … --dry-run` shows every
 * git/uv command next to the files Nx lists (Nx does not run the callback under --dry-run).
 */
export function printPlan(log: (line: string) => void, plan: Plan): void {
  if (plan.steps.length === 0) return;
  log('@mlws/nx: after the files are written, runs (skipped with --dry-run):');
  for (const step of plan.steps) log(`  ${showCommand(step.command)}`);
}
