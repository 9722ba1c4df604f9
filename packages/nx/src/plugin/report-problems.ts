import { redactUrlsIn } from '../model/redact-url';
import type { Problem } from '../model/workspace';

type Emit = (level: 'warn' | 'error', message: string) => void;

/**
 * Prints each workspace problem once per graph computation, one line each, never as a stack trace.
 * Under the Nx daemon, plugin workers' console output goes to the daemon log; Nx ≥ 23 forwards
 * lines sent through `emitPluginWorkerLog` to the client that asked for the graph, so use it when
 * this Nx has it.
 */
export function reportProblems(problems: readonly Problem[], emit?: Emit): void {
  if (problems.length === 0) return;
  // Nx's modules load only when there is something to say: most graph computations have nothing
  emit ??= defaultEmit();
  const reported = new Set<string>();
  for (const p of problems) {
    const line = `@mlws/nx: ${redactUrlsIn(p.message)}`;
    if (reported.has(line)) continue;
    reported.add(line);
    emit(p.level, line);
  }
}

function defaultEmit(): Emit {
  try {
    const internal = require('@nx/devkit/internal') as {
      emitPluginWorkerLog?: (level: string, message: string) => void;
    };
    if (typeof internal.emitPluginWorkerLog === 'function') return internal.emitPluginWorkerLog;
  } catch {
    // older Nx
  }
  const { logger } = require('@nx/devkit') as typeof import('@nx/devkit');
  return (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message));
}
