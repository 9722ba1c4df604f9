import { logger } from '@nx/devkit';
import type { Problem } from '../model/workspace';

const reported = new Set<string>();

/** Prints each workspace problem once per process, one line each, never as a stack trace. */
export function reportProblems(problems: readonly Problem[], log: Pick<typeof logger, 'warn' | 'error'> = logger): void {
  for (const p of problems) {
    const line = `@mlws/nx: ${p.message}`;
    if (reported.has(line)) continue;
    reported.add(line);
    if (p.level === 'error') log.error(line);
    else log.warn(line);
  }
}
