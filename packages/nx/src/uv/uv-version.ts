/** The oldest uv the plugin drives (workspaces, `--project` with a pyproject path, `--all-packages`, `conflicts`). */
export const MIN_UV_VERSION = '0.7.0';

/** `uv 0.13.8 (abc 2026-10-01)` → `0.13.8`. */
export function parseUvVersion(output: string): string | undefined {
  return /\buv\s+(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function isAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}
