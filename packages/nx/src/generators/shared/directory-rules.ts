import { normalizeWorkspacePath } from '../../model/paths';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * A directory a package may be created in or moved to: inside the workspace, not its root, each
 * part made of letters, digits, `.`, `_`, `-` (not starting with `.` or `-`). Returns the
 * normalised path, or the reason it is refused.
 */
export function checkPackageDirectory(dir: string): { ok: true; dir: string } | { ok: false; reason: string } {
  const normalized = normalizeWorkspacePath(dir);
  if (normalized === undefined) return { ok: false, reason: `"${dir}" leaves the workspace` };
  if (normalized === '.') return { ok: false, reason: `"${dir}" is the workspace root` };
  const long = normalized.split('/').find((s) => Buffer.byteLength(s) > 255);
  if (long !== undefined)
    return { ok: false, reason: `has a part of ${Buffer.byteLength(long)} bytes; file systems take at most 255` };
  const bad = normalized.split('/').find((s) => !SEGMENT.test(s));
  if (bad !== undefined) {
    return { ok: false, reason: `"${dir}" has the part "${bad}"; use letters, digits, ".", "_" and "-" (not first)` };
  }
  return { ok: true, dir: normalized };
}
