/**
 * A second clone of a test workspace, the way a teammate or a CI runner gets one: a real
 * `git clone --recurse-submodules` at another path (submodules fetched from their remotes, so
 * only committed and pushed state arrives), plus `node_modules` as `npm ci` would leave it.
 * Nothing else of the first clone comes along: no `.nx`, no venvs, no build output, no locks
 * that were not committed.
 *
 *   const second = await cloneWorkspace(first.root, 'second-clone');
 */
import { join } from 'node:path';
import { git, run } from '../../../../tools/fixtures/proc';
import { assertSuccess } from './run';
import { tmpDir } from './tmp';

export async function cloneWorkspace(source: string, label = 'clone'): Promise<string> {
  const target = join(tmpDir(label), 'root');
  // hermetic git: identity and protocol.file.allow=always come from the environment (gitEnv)
  await git('/', ['clone', '--quiet', '--recurse-submodules', source, target]);
  // node_modules is git-ignored; a copy is what `npm ci` from the committed lock file would give
  assertSuccess(await run('cp', ['-a', join(source, 'node_modules'), `${target}/`], { cwd: '/' }), target);
  return target;
}
