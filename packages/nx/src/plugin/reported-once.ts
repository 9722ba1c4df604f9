import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashText, workspaceDataDirectoryOf } from './inference-cache';

/** Within this time the same lines for the same Nx process are not printed again. */
export const REPEAT_MS = 15_000;

/**
 * The Nx process the graph is computed for: a plugin worker's parent (the CLI or the daemon that
 * spawned it), else this process.
 */
export function nxHostPid(argv: readonly string[] = process.argv): number {
  return /plugin-worker\.js$/.test(argv[1] ?? '') ? process.ppid : process.pid;
}

/**
 * Whether `lines` are new for this Nx process. One Nx command may compute the project graph in
 * two plugin workers (`nx sync --check` does), each printing the same problems: the second says
 * nothing. The record is one small file in Nx's workspace data directory; without it (read-only,
 * missing), everything is printed.
 */
export function firstReport(
  workspaceRoot: string,
  lines: readonly string[],
  now = Date.now(),
  host = nxHostPid(),
): boolean {
  if (lines.length === 0) return true;
  const dir = workspaceDataDirectoryOf(workspaceRoot);
  const file = join(dir, 'mlws-nx-reported.json');
  const key = hashText(String(host), ...lines);
  try {
    const last = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; at?: unknown };
    if (last.key === key && typeof last.at === 'number' && now - last.at >= 0 && now - last.at < REPEAT_MS)
      return false;
  } catch {
    // no record yet, or a torn one
  }
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, at: now }));
    renameSync(tmp, file);
  } catch {
    // cannot record: print every time
  }
  return true;
}
