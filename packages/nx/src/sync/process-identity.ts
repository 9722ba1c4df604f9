import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who a process is, beyond its pid: pids are reused, so a lock owner is identified by pid + start
 * time (field 22 of /proc/<pid>/stat, clock ticks since boot) + boot id + host. Where /proc is
 * missing (macOS), only the pid is known and a lock can be cleared by hand (the wait says how).
 */
export interface ProcessProbe {
  /** The start time of the process, or undefined when it is unknown (no /proc, or no such process). */
  startTime(pid: number): string | undefined;
  /** The id of the current boot (/proc/sys/kernel/random/boot_id), undefined when unknown. */
  bootId(): string | undefined;
  hostname(): string;
  /** Whether a process with this pid exists (signal 0; a process of another user exists too). */
  exists(pid: number): boolean;
}

export type ReadProcFile = (path: string) => string | undefined;

const readProcFile: ReadProcFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The probe of this machine; tests pass a fake /proc reader. */
export function procProbe(
  read: ReadProcFile = readProcFile,
  exists: (pid: number) => boolean = pidExists,
): ProcessProbe {
  return {
    startTime: (pid) => {
      const stat = read(`/proc/${pid}/stat`);
      return stat === undefined ? undefined : startTimeOf(stat);
    },
    bootId: () => read('/proc/sys/kernel/random/boot_id')?.trim() || undefined,
    hostname: () => hostname(),
    exists,
  };
}

/** Field 22 of a /proc/<pid>/stat line. The command (field 2) may hold spaces and parentheses. */
export function startTimeOf(stat: string): string | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/); // fields[0] is field 3 (state)
  const start = fields[22 - 3];
  return start && /^\d+$/.test(start) ? start : undefined;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
