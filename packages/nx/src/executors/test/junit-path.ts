/**
 * Where `test` writes a package's JUnit report, relative to the workspace root: under the
 * workspace's `reports/`, not inside the package — a package is its own repository, and a file
 * written there would make it dirty (affected forever, release refused).
 */
export function junitReportPath(projectRoot: string): string {
  return `reports/${projectRoot}/junit.xml`;
}
