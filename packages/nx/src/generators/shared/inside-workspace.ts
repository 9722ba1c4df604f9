import { join } from 'node:path';
import { containmentProblem } from '../../fs/contained';
import { userError } from './errors';

/**
 * A directory a generator is about to create or move a package into stays inside the workspace
 * once symlinks on the way are followed (`libs -> /elsewhere` makes `libs/x` leave it).
 */
export function checkInsideWorkspace(root: string, dir: string, option: string): void {
  const problem = containmentProblem(join(root, dir), root, 'the workspace');
  if (problem)
    throw userError(`${option} ${dir} ${problem} (through a symlink): pass ${option} <directory inside the workspace>`);
}
