/**
 * What a Python package directory holds besides its sources: build output, virtualenvs and the
 * tools' caches. Not `reports/`: the plugin writes its test reports under `.mlws/reports/`, and a
 * `reports/` a package tracks (benchmark reports) is its own content. Never an input of a hash (a pytest run must not change the next
 * one), never sent to a Docker build. One list for the inferred inputs and the .dockerignore.
 */
export const PYTHON_TOOL_STATE = [
  'dist',
  '.venv',
  '__pycache__',
  '.pytest_cache',
  '.ruff_cache',
  '.mypy_cache',
  '*.egg-info',
] as const;

/** Nx input globs that leave the tool state under `dir` (`{projectRoot}`, `{workspaceRoot}/packages/*`) out. */
export function toolStateExclusions(dir: string): string[] {
  return PYTHON_TOOL_STATE.map((x) => `!${dir}/**/${x}/**/*`);
}
