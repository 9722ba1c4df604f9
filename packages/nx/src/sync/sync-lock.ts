import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A cross-process lock per virtual environment, so two Nx tasks never run uv on one `.venv` at
 * once (`nx run-many -t sync` over many packages of one environment). `mkdir` is atomic; the
 * owner's pid is recorded so a lock left by a killed process is taken over.
 */
export async function withEnvironmentLock<T>(venvPath: string, fn: () => Promise<T>, pollMs = 100): Promise<T> {
  const dir = join(tmpdir(), `mlws-nx-sync-${createHash('sha1').update(venvPath).digest('hex').slice(0, 16)}.lock`);
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (ownerIsGone(dir)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ownerIsGone(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
  } catch {
    return false; // being created right now
  }
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
