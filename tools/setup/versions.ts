/** Reads tools/setup/versions.env (the single source of pinned versions) from TypeScript. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const VERSIONS_FILE = join(__dirname, 'versions.env');

export interface PinnedVersions {
  UV_VERSION: string;
  NX_VERSION: string;
  [key: string]: string;
}

export function readVersions(file = VERSIONS_FILE): PinnedVersions {
  const out: Record<string, string> = {};
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`${file}: malformed line: ${raw}`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  for (const key of ['UV_VERSION', 'NX_VERSION']) {
    if (!out[key]) throw new Error(`${file}: ${key} is not set`);
  }
  return out as PinnedVersions;
}

/**
 * The Nx version the e2e suites install into their workspaces: `MLWS_E2E_NX_VERSION` (set by
 * `npm test` for each of NX_OLDER_MAJORS) or else the pinned NX_VERSION.
 */
export function e2eNxVersion(): string {
  return process.env['MLWS_E2E_NX_VERSION'] || readVersions().NX_VERSION;
}

/** Every Nx version the suites prove: the pinned newest first, then one per older major. */
export function testedNxVersions(): string[] {
  const v = readVersions();
  return [
    v.NX_VERSION,
    ...(v['NX_OLDER_MAJORS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}
