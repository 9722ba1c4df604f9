import type { UvClient } from '../../uv/uv-client';
import type { Clients } from '../../clients/clients';
import { userError } from './errors';

/** uv for the relock steps, found while validating; undefined with --skip-lock. */
export async function uvForRelock(
  deps: Pick<Clients, 'uv'>,
  root: string,
  skipLock: boolean,
): Promise<UvClient | undefined> {
  if (skipLock) return undefined;
  const found = await deps.uv(root);
  if (!found.ok) throw userError(`${found.message} (or pass --skip-lock and run uv lock later)`);
  return found.uv;
}
