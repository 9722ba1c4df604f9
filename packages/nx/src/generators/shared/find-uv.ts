import type { UvClient } from '../../uv/uv-client';
import type { GeneratorDeps } from './deps';
import { userError } from './errors';

/** uv for the relock steps, found while validating; undefined with --skip-lock. */
export async function uvForRelock(deps: GeneratorDeps, root: string, skipLock: boolean): Promise<UvClient | undefined> {
  if (skipLock) return undefined;
  const found = await deps.findUv(root);
  if (!found.ok) throw userError(`${found.message} (or pass --skip-lock and run uv lock later)`);
  return found.uv;
}
