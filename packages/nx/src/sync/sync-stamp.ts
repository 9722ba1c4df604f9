import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a synced environment was synced from: the uv command, uv version, the pyprojects and
 * the lock, plus the state of site-packages afterwards (an install by hand changes it). When the
 * stamp matches, another task of the same run already synced this environment.
 */
export function syncKey(parts: {
  argv: readonly string[];
  uvVersion: string;
  files: readonly string[];
  workspaceRoot: string;
}): string {
  const h = createHash('sha1');
  h.update(parts.uvVersion).update('\0').update(parts.argv.join('\0')).update('\0');
  for (const f of [...parts.files].sort()) {
    h.update(f).update('\0');
    const abs = join(parts.workspaceRoot, f);
    h.update(existsSync(abs) ? readFileSync(abs) : '<missing>').update('\0');
  }
  return h.digest('hex');
}

const STAMP = '.mlws-sync-stamp';

export function readStamp(venv: string): string | undefined {
  try {
    return readFileSync(join(venv, STAMP), 'utf8');
  } catch {
    return undefined;
  }
}

export function stampFor(venv: string, key: string): string | undefined {
  const state = siteState(venv);
  return state === undefined ? undefined : `${key}:${state}`;
}

export function writeStamp(venv: string, key: string): void {
  const stamp = stampFor(venv, key);
  if (stamp && existsSync(venv)) writeFileSync(join(venv, STAMP), stamp);
}

/** mtimes of the venv's site-packages directories: they change when anything is installed or removed. */
function siteState(venv: string): string | undefined {
  const lib = join(venv, 'lib');
  if (!existsSync(lib)) return undefined;
  const parts: string[] = [];
  for (const py of readdirSync(lib).sort()) {
    const site = join(lib, py, 'site-packages');
    if (existsSync(site)) parts.push(`${py}=${statSync(site).mtimeMs}`);
  }
  return parts.length ? parts.join(',') : undefined;
}
