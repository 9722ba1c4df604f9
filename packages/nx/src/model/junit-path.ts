/** The workspace directory the plugin owns for what its tasks write (never a user's own `reports/`). */
export const PLUGIN_OUTPUT_DIR = '.mlws';

/**
 * Where `test` writes a package's JUnit report, relative to the workspace root: under the
 * plugin's own `.mlws/reports/`, not inside the package — a package is its own repository, and a
 * file written there would make it dirty (affected forever, release refused) — and not in a
 * `reports/` of the workspace, which a repository may track for its own files.
 */
export function junitReportPath(projectRoot: string): string {
  return `${PLUGIN_OUTPUT_DIR}/reports/${projectRoot}/junit.xml`;
}
