import { randomBytes } from 'node:crypto';
import type { ProcessProbe } from './process-identity';

/** What a lock file says about the process holding it. */
export interface LockOwner {
  pid: number;
  /** Start time of the pid (see ProcessProbe.startTime); absent where it cannot be known. */
  start?: string;
  boot?: string;
  host: string;
  /** What the owner runs, e.g. `nx run staging:sync`. */
  command: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Unique per acquisition: a lock is released or taken over only when it is still this one. */
  nonce: string;
}

export function ownerRecord(probe: ProcessProbe, command: string, now: Date): LockOwner {
  const start = probe.startTime(process.pid);
  const boot = probe.bootId();
  return {
    pid: process.pid,
    ...(start ? { start } : {}),
    ...(boot ? { boot } : {}),
    host: probe.hostname(),
    command,
    since: now.toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
}

/** The owner in a lock file's text; undefined when the text is not a lock record (torn, foreign). */
export function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(o.pid) || (o.pid as number) <= 0 || typeof o.host !== 'string' || typeof o.nonce !== 'string')
      return undefined;
    return {
      pid: o.pid as number,
      ...(typeof o.start === 'string' ? { start: o.start } : {}),
      ...(typeof o.boot === 'string' ? { boot: o.boot } : {}),
      host: o.host,
      command: typeof o.command === 'string' ? o.command : 'unknown command',
      since: typeof o.since === 'string' ? o.since : 'an unknown time',
      nonce: o.nonce,
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the owner is gone, and why: another boot, no such pid, or the pid now belongs to a
 * process that started at another time (pid reuse). An owner on another host cannot be checked
 * and counts as alive (the wait message names the host).
 */
export function goneReason(owner: LockOwner, probe: ProcessProbe): string | undefined {
  if (owner.host !== probe.hostname()) return undefined;
  const boot = probe.bootId();
  if (owner.boot && boot && owner.boot !== boot) return 'the machine restarted since';
  if (!probe.exists(owner.pid)) return `no process ${owner.pid} is running`;
  if (owner.start) {
    const now = probe.startTime(owner.pid);
    if (now !== undefined && now !== owner.start) return `pid ${owner.pid} is now another process`;
  }
  return undefined;
}

/** `pid 123 (nx run staging:sync) since 2026-01-02T03:04:05.000Z[ on host h]`. */
export function describeOwner(owner: LockOwner, probe: ProcessProbe): string {
  const host = owner.host !== probe.hostname() ? ` on host ${owner.host}` : '';
  return `pid ${owner.pid} (${owner.command}) since ${owner.since}${host}`;
}
