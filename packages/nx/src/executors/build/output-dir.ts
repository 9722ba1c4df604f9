import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { containmentProblem, holds } from '../../fs/contained';
import { checkOutputDir, isDistributionFile } from '../../model/contained-path';

/**
 * Where a build may write and what it may clean: `outputPath` inside the workspace, not its root,
 * not a project root or an ancestor of one — by the path as written and by its real path
 * (symlinks followed). Returns the normalised directory, or the one-line refusal.
 */
export function checkBuildOutput(
  root: string,
  outputPath: string,
  projectRoots: readonly string[],
  projectRoot: string,
): { ok: true; dir: string } | { ok: false; message: string } {
  const fix = `set outputPath to a directory of its own inside the workspace, e.g. "${projectRoot === '.' ? 'dist' : `${projectRoot}/dist`}" (the build cleans only this package's wheel and sdist there)`;
  const checked = checkOutputDir(outputPath, projectRoots);
  if (!checked.ok)
    return {
      ok: false,
      message: `build refused: outputPath ${checked.reason}, and nothing is deleted or written there: ${fix}`,
    };
  const abs = join(root, checked.dir);
  const outside = containmentProblem(abs, root, 'the workspace');
  if (outside)
    return {
      ok: false,
      message: `build refused: outputPath "${outputPath}" ${outside}, and nothing is deleted or written there: ${fix}`,
    };
  const held = projectRoots.find((r) => r !== '.' && holds(abs, join(root, r)));
  if (held !== undefined)
    return {
      ok: false,
      message: `build refused: outputPath "${outputPath}" resolves to the project root ${held} or one of its parents: ${fix}`,
    };
  return { ok: true, dir: checked.dir };
}

/** Deletes this distribution's old wheels and sdists from `dir` (files only, by the file name rules); nothing else there. */
export function cleanOldDistributions(dir: string, distribution: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // not there yet: uv creates it
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isDistributionFile(name, distribution)) continue;
    const file = join(dir, name);
    if (!lstatSync(file).isFile()) continue;
    rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}
