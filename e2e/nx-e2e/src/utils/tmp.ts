import { mkTmp } from '../../../../tools/fixtures/proc';

declare global {
  // Set by src/setup/environment.cjs: temp dirs removed after a passing test file.
  var __MLWS_TMP_DIRS__: string[] | undefined;
}

/**
 * A fresh directory `/tmp/mlws-e2e-<label>-XXXXXX`, removed when the test file passes
 * (kept when it fails or with MLWS_KEEP_TMP=1; see src/setup/environment.cjs).
 */
export function tmpDir(label = 'tmp'): string {
  const dir = mkTmp(label);
  globalThis.__MLWS_TMP_DIRS__?.push(dir);
  return dir;
}

export const keepTmp = (): boolean => process.env['MLWS_KEEP_TMP'] === '1';
